import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/messages';

/*
 * The signed-in pages, in menu order: one line per page. The router gives each its address and everything below it
 * (a page draws its own sub-pages, e.g. `/warnings/:id`, with <Routes>); the side menu lists them.
 */

export interface PageEntry {
  /** The menu's address: `/` or `/name`. */
  path: string;
  label: MessageKey;
  /** The page's module, loaded on first visit (each page is its own chunk). */
  load(): Promise<{ default: ComponentType }>;
  /** Listed in the menu only for users holding this permission (the API checks every request regardless). */
  permission?: string;
}

export const PAGES: readonly PageEntry[] = [
  { path: '/', label: 'nav.overview', load: () => import('./overview/OverviewPage') },
  { path: '/records', label: 'nav.records', load: () => import('./records/RecordsPage'), permission: 'records:read' },
  {
    path: '/warnings',
    label: 'nav.warnings',
    load: () => import('./warnings/WarningsPage'),
    permission: 'warnings:read',
  },
  { path: '/analysis', label: 'nav.analysis', load: () => import('./analysis/AnalysisPage'), permission: 'stats:read' },
  { path: '/reports', label: 'nav.reports', load: () => import('./reports/ReportsPage'), permission: 'reports:read' },
  { path: '/imports', label: 'nav.imports', load: () => import('./imports/ImportsPage'), permission: 'imports:read' },
  { path: '/settings', label: 'nav.settings', load: () => import('./settings/SettingsPage'), permission: 'users:read' },
];

/** The menu entry an address belongs to: the longest page path that is the address or a folder above it. */
export function pageOf(pathname: string): PageEntry | undefined {
  return PAGES.filter(
    (page) => page.path === '/' || pathname === page.path || pathname.startsWith(`${page.path}/`),
  ).reduce<PageEntry | undefined>(
    (best, page) => (best && best.path.length >= page.path.length ? best : page),
    undefined,
  );
}

/** The pages a user's permissions let them open from the menu. */
export function pagesFor(permissions: readonly string[]): PageEntry[] {
  return PAGES.filter((page) => page.permission === undefined || permissions.includes(page.permission));
}
