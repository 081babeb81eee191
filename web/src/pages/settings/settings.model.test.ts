import { describe, expect, it } from 'vitest';
import type { Grant } from '../../api/auth';
import type { CategoryNode } from '../../api/categories';
import type { PlaceDetail, RoleInfo } from '../../api/settings';
import {
  categoryTreeData,
  childCode,
  completeGrants,
  countCategories,
  findCategory,
  grantableKinds,
  grantText,
  holdsEverywhere,
  holdsOverTown,
  kindsFor,
  placeTree,
  tabOf,
  visibleTabs,
} from './settings.model';

const ROLES: RoleInfo[] = [
  {
    code: 'admin',
    name: '系统管理员',
    permissions: ['taxonomy:read', 'taxonomy:write', 'places:write', 'users:read', 'users:write', 'imports:read'],
    scopes: ['all', 'city', 'town'],
  },
  {
    code: 'auditor',
    name: '审计员（只读）',
    permissions: ['users:read', 'taxonomy:read'],
    scopes: ['all', 'city', 'town'],
  },
  { code: 'village_secretary', name: '村（社区）书记', permissions: ['taxonomy:read'], scopes: ['village'] },
  { code: 'department_staff', name: '部门工作人员', permissions: ['taxonomy:read'], scopes: ['department'] },
];

const grant = (role: string, kind: Grant['kind'], code: string | null): Grant => ({
  role,
  roleName: role,
  kind,
  code,
  name: null,
});

const category = (code: string, level: 1 | 2 | 3, children: CategoryNode[] = [], retired = false): CategoryNode => ({
  code,
  name: code,
  nameEn: code,
  level,
  parentCode: code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null,
  path: code.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  sortOrder: 0,
  retired,
  children,
});

const place = (code: string, level: PlaceDetail['level'], parentCode: string | null): PlaceDetail => ({
  code,
  name: code,
  nameEn: null,
  level,
  parentCode,
  townCode: null,
  aliases: [],
  centroid: null,
  boundary: null,
});

describe('settings tabs', () => {
  it('shows the tabs whose read permission the user holds, in order', () => {
    expect(visibleTabs(['users:read', 'taxonomy:read', 'imports:read']).map((tab) => tab.key)).toEqual([
      'taxonomy',
      'profiles',
      'users',
    ]);
    expect(visibleTabs(['stats:read'])).toEqual([]);
  });

  it('reads the tab from the address', () => {
    expect(tabOf('/settings/users')).toBe('users');
    expect(tabOf('/settings/advice/x')).toBe('advice');
    expect(tabOf('/settings')).toBeUndefined();
    expect(tabOf('/settings/nonsense')).toBeUndefined();
  });
});

describe('where writes hold', () => {
  const towns = ['330782100', '330782200'];
  it('a town administrator writes over their own town only, and never the shared taxonomy', () => {
    const grants = [grant('admin', 'town', '330782100')];
    expect(holdsOverTown(grants, ROLES, 'places:write', '330782100', towns)).toBe(true);
    expect(holdsOverTown(grants, ROLES, 'places:write', '330782200', towns)).toBe(false);
    expect(holdsEverywhere(grants, ROLES, 'taxonomy:write')).toBe(false);
  });
  it('an administrator of all or of the city writes over every town listed; a role without it never', () => {
    expect(holdsEverywhere([grant('admin', 'all', null)], ROLES, 'taxonomy:write')).toBe(true);
    expect(holdsOverTown([grant('admin', 'city', '330782')], ROLES, 'places:write', '330782200', towns)).toBe(true);
    expect(holdsOverTown([grant('auditor', 'all', null)], ROLES, 'places:write', '330782100', towns)).toBe(false);
    expect(holdsOverTown([grant('admin', 'all', null)], ROLES, 'places:write', undefined, towns)).toBe(false);
  });
  it('an administrator gives only scope kinds within their own', () => {
    expect(grantableKinds([grant('admin', 'town', '330782100')], ROLES)).toEqual(['town', 'village', 'department']);
    expect(grantableKinds([grant('admin', 'city', '330782')], ROLES)).toEqual([
      'city',
      'town',
      'village',
      'department',
    ]);
    expect(grantableKinds([grant('admin', 'all', null)], ROLES)).toContain('all');
    expect(grantableKinds([grant('auditor', 'all', null)], ROLES)).toEqual([]);
    expect(kindsFor(ROLES[0], ['town', 'village'])).toEqual(['town']);
    expect(kindsFor(ROLES[2], ['town', 'village'])).toEqual(['village']);
    expect(kindsFor(undefined, ['town'])).toEqual([]);
  });
});

describe('grants in forms', () => {
  it('keeps complete rows only, without a code for all', () => {
    expect(
      completeGrants([
        { role: 'village_secretary', kind: 'village', code: '330782100201' },
        { role: 'admin', kind: 'all', code: 'ignored' },
        { role: 'admin', kind: 'town' },
        {},
      ]),
    ).toEqual([
      { role: 'village_secretary', kind: 'village', code: '330782100201' },
      { role: 'admin', kind: 'all', code: null },
    ]);
  });
  it('writes a grant as the command line does', () => {
    expect(grantText({ role: 'leader', kind: 'town', code: '330782100' })).toBe('leader@town:330782100');
    expect(grantText({ role: 'admin', kind: 'all', code: null })).toBe('admin@all');
  });
});

describe('categories', () => {
  const tree = [
    category('labour', 1, [category('labour.wage', 2, [category('labour.wage.arrears', 3)])]),
    category('noise', 1, [], true),
  ];
  it('becomes antd tree data with leaves that have no expander', () => {
    const data = categoryTreeData(tree);
    expect(data[0]?.children?.[0]?.children?.[0]).toMatchObject({ key: 'labour.wage.arrears', level: 3 });
    expect(data[0]?.children?.[0]?.children?.[0]).not.toHaveProperty('children');
    expect(data[1]).toMatchObject({ key: 'noise', retired: true });
  });
  it('finds a category at any depth and counts the retired', () => {
    expect(findCategory(tree, 'labour.wage.arrears')?.level).toBe(3);
    expect(findCategory(tree, 'missing')).toBeUndefined();
    expect(findCategory(tree, null)).toBeUndefined();
    expect(countCategories(tree)).toEqual({ total: 4, retired: 1 });
  });
  it("makes a child's code from the parent's and one snake_case word", () => {
    expect(childCode('labour', 'Night Market')).toBe('labour.night_market');
    expect(childCode(undefined, 'pets')).toBe('pets');
    expect(childCode('labour', '  ')).toBe('labour.');
  });
});

describe('places', () => {
  it('puts villages under the town and groups under their village, by code', () => {
    const town = place('100', 'town', '1');
    const rows = placeTree(town, [
      place('102', 'village', '100'),
      place('101', 'village', '100'),
      place('101-1', 'group', '101'),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.children?.map((row) => row.key)).toEqual(['101', '102']);
    expect(rows[0]?.children?.[0]?.children?.map((row) => row.key)).toEqual(['101-1']);
    expect(rows[0]?.children?.[1]).not.toHaveProperty('children');
    expect(placeTree(undefined, [])).toEqual([]);
  });
});
