import type { Grant } from '../../api/auth';
import type { CategoryNode } from '../../api/categories';
import type { GrantInput, PlaceDetail, RoleInfo } from '../../api/settings';

/*
 * The settings page's rules as pure functions (tested beside): which tabs a user sees, where their write permissions
 * hold (the server decides; these only hide buttons that would be refused), and how the API's lists become trees
 * and form options.
 */

export type SettingsTab = 'taxonomy' | 'places' | 'departments' | 'advice' | 'profiles' | 'users';

export interface TabDefinition {
  key: SettingsTab;
  /** Shown to holders of this permission (what the tab's GET needs). */
  read: string;
  /** Its edit buttons need this one (and the scope the server asks for). */
  write: string | null;
}

export const TABS: readonly TabDefinition[] = [
  { key: 'taxonomy', read: 'taxonomy:read', write: 'taxonomy:write' },
  { key: 'places', read: 'places:read', write: 'places:write' },
  { key: 'departments', read: 'departments:read', write: 'departments:write' },
  { key: 'advice', read: 'warnings:read', write: 'advice:write' },
  { key: 'profiles', read: 'imports:read', write: null },
  { key: 'users', read: 'users:read', write: 'users:write' },
];

/** The tabs a user's permissions open, in order. */
export function visibleTabs(permissions: readonly string[]): TabDefinition[] {
  return TABS.filter((tab) => permissions.includes(tab.read));
}

/** The tab an address names (`/settings/<tab>`), or undefined. */
export function tabOf(pathname: string): SettingsTab | undefined {
  const name = /^\/settings\/([a-z]+)/.exec(pathname)?.[1];
  return TABS.find((tab) => tab.key === name)?.key;
}

function grantsHolding(grants: readonly Grant[], roles: readonly RoleInfo[], permission: string): Grant[] {
  return grants.filter((grant) => roles.find((role) => role.code === grant.role)?.permissions.includes(permission));
}

/**
 * Whether a grant holding `permission` covers the whole town (what writes to a town's places, departments and advice
 * ask): `all`, the town itself, or a city — a city grant's towns are the towns the session lists.
 */
export function holdsOverTown(
  grants: readonly Grant[],
  roles: readonly RoleInfo[],
  permission: string,
  town: string | undefined,
  sessionTowns: readonly string[],
): boolean {
  if (!town) {
    return false;
  }
  return grantsHolding(grants, roles, permission).some(
    (grant) =>
      grant.kind === 'all' ||
      (grant.kind === 'town' && grant.code === town) ||
      (grant.kind === 'city' && sessionTowns.includes(town)),
  );
}

/** Whether `permission` is held within `all` (the shared taxonomy needs it). */
export function holdsEverywhere(grants: readonly Grant[], roles: readonly RoleInfo[], permission: string): boolean {
  return grantsHolding(grants, roles, permission).some((grant) => grant.kind === 'all');
}

export interface CategoryTreeItem {
  key: string;
  code: string;
  name: string;
  nameEn: string;
  level: number;
  retired: boolean;
  children?: CategoryTreeItem[];
}

/** The API's category tree as antd tree data (leaves without a `children` array, so no expander). */
export function categoryTreeData(nodes: readonly CategoryNode[]): CategoryTreeItem[] {
  return nodes.map((node) => ({
    key: node.code,
    code: node.code,
    name: node.name,
    nameEn: node.nameEn,
    level: node.level,
    retired: node.retired,
    ...(node.children.length > 0 ? { children: categoryTreeData(node.children) } : {}),
  }));
}

/** One category of the tree by code. */
export function findCategory(nodes: readonly CategoryNode[], code: string | null): CategoryNode | undefined {
  if (!code) {
    return undefined;
  }
  for (const node of nodes) {
    if (node.code === code) {
      return node;
    }
    const below = findCategory(node.children, code);
    if (below) {
      return below;
    }
  }
  return undefined;
}

/** Counts of a tree: all categories and the retired ones. */
export function countCategories(nodes: readonly CategoryNode[]): { total: number; retired: number } {
  let total = 0;
  let retired = 0;
  const walk = (list: readonly CategoryNode[]) => {
    for (const node of list) {
      total += 1;
      retired += node.retired ? 1 : 0;
      walk(node.children);
    }
  };
  walk(nodes);
  return { total, retired };
}

/** A new category's code: the parent's code and one snake_case word (the convention; codes never change). */
export function childCode(parentCode: string | undefined, word: string): string {
  const clean = word
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return parentCode ? `${parentCode}.${clean}` : clean;
}

export interface PlaceTreeRow {
  key: string;
  place: PlaceDetail;
  children?: PlaceTreeRow[];
}

/** The town with its villages (and their groups) below, in code order. */
export function placeTree(town: PlaceDetail | undefined, within: readonly PlaceDetail[]): PlaceTreeRow[] {
  if (!town) {
    return [];
  }
  const byParent = new Map<string, PlaceDetail[]>();
  for (const place of within) {
    if (place.parentCode) {
      byParent.set(place.parentCode, [...(byParent.get(place.parentCode) ?? []), place]);
    }
  }
  const rows = (place: PlaceDetail): PlaceTreeRow => {
    const children = (byParent.get(place.code) ?? []).sort((a, b) => a.code.localeCompare(b.code)).map(rows);
    return { key: place.code, place, ...(children.length > 0 ? { children } : {}) };
  };
  return [rows(town)];
}

/** The scope kinds a role may be held within, narrowed to the ones the administrator can give. */
export function kindsFor(role: RoleInfo | undefined, allowed: readonly Grant['kind'][]): Grant['kind'][] {
  return role ? role.scopes.filter((kind) => allowed.includes(kind)) : [];
}

/** The scope kinds an administrator may give at all: `all` needs their own `all`, a city their city or `all`. */
export function grantableKinds(grants: readonly Grant[], roles: readonly RoleInfo[]): Grant['kind'][] {
  const holding = grantsHolding(grants, roles, 'users:write');
  if (holding.some((grant) => grant.kind === 'all')) {
    return ['all', 'city', 'town', 'village', 'department'];
  }
  if (holding.some((grant) => grant.kind === 'city')) {
    return ['city', 'town', 'village', 'department'];
  }
  return holding.length > 0 ? ['town', 'village', 'department'] : [];
}

/** A grant as people write it on the command line: `role@kind:code`, or `role@all`. */
export function grantText(grant: { role: string; kind: string; code: string | null }): string {
  return grant.kind === 'all' ? `${grant.role}@all` : `${grant.role}@${grant.kind}:${grant.code ?? ''}`;
}

/** Grants as the PUT body takes them: complete ones only (a row being filled in is left out). */
export function completeGrants(rows: readonly Partial<GrantInput>[]): GrantInput[] {
  return rows.flatMap((row) =>
    row.role && row.kind && (row.kind === 'all' || row.code)
      ? [{ role: row.role, kind: row.kind, code: row.kind === 'all' ? null : (row.code ?? null) }]
      : [],
  );
}
