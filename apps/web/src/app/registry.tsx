// The one place a module's pages plug into the web app: add a route here (and its labels to
// src/i18n/*.json); the router, the navigation and the access guard all read this list.
import { lazy, type ComponentType } from 'react';
import { HomePage } from '../pages/HomePage.tsx';
import { CallbackPage } from '../pages/CallbackPage.tsx';
import { ProfilePage } from '../pages/ProfilePage.tsx';
import { ServicesPage } from '../pages/ServicesPage.tsx';
import { WorkspacePage } from '../pages/WorkspacePage.tsx';

// Administration pages load on first visit: citizens never download them.
const OfficialsPage = lazy(() => import('../pages/admin/OfficialsPage.tsx').then((m) => ({ default: m.OfficialsPage })));
const RolesPage = lazy(() => import('../pages/admin/RolesPage.tsx').then((m) => ({ default: m.RolesPage })));
const AgenciesPage = lazy(() => import('../pages/admin/AgenciesPage.tsx').then((m) => ({ default: m.AgenciesPage })));
const CataloguesPage = lazy(() => import('../pages/admin/CataloguesPage.tsx').then((m) => ({ default: m.CataloguesPage })));
const CalendarPage = lazy(() => import('../pages/admin/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })));
const AuditPage = lazy(() => import('../pages/admin/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));

export type SectionId = 'citizen' | 'workspace' | 'admin';

/** Navigation sections, in display order: citizen portal, one-stop workspace, administration. */
export const sections: { id: SectionId; labelKey: string }[] = [
  { id: 'citizen', labelKey: 'nav.citizen' },
  { id: 'workspace', labelKey: 'nav.workspace' },
  { id: 'admin', labelKey: 'nav.admin' },
];

/** Who may open a page: anyone, anyone signed in, officials, or holders of any listed permission. */
export type Access = 'public' | 'signedIn' | 'official' | { anyOf: readonly string[] };

export interface PageRoute {
  path: string;
  component: ComponentType;
  access: Access;
  /** Shown in the navigation of this section when set. */
  section?: SectionId;
  /** i18n key of the navigation label. */
  labelKey?: string;
}

export const pageRoutes: PageRoute[] = [
  { path: '/', component: HomePage, access: 'public' },
  { path: '/auth/callback', component: CallbackPage, access: 'public' },
  { path: '/account', component: ProfilePage, access: 'signedIn' },

  { path: '/services', component: ServicesPage, access: 'public', section: 'citizen', labelKey: 'nav.services' },

  { path: '/workspace', component: WorkspacePage, access: 'official', section: 'workspace', labelKey: 'nav.workspaceHome' },

  { path: '/admin/officials', component: OfficialsPage, access: { anyOf: ['identity.manage'] }, section: 'admin', labelKey: 'nav.officials' },
  { path: '/admin/roles', component: RolesPage, access: { anyOf: ['identity.manage'] }, section: 'admin', labelKey: 'nav.roles' },
  { path: '/admin/agencies', component: AgenciesPage, access: { anyOf: ['catalog.edit'] }, section: 'admin', labelKey: 'nav.agencies' },
  { path: '/admin/catalogues', component: CataloguesPage, access: { anyOf: ['catalog.edit'] }, section: 'admin', labelKey: 'nav.catalogues' },
  { path: '/admin/calendar', component: CalendarPage, access: { anyOf: ['calendar.edit'] }, section: 'admin', labelKey: 'nav.calendar' },
  { path: '/admin/audit', component: AuditPage, access: { anyOf: ['audit.read'] }, section: 'admin', labelKey: 'nav.audit' },
];

export interface Viewer {
  signedIn: boolean;
  kind?: 'official' | 'citizen';
  canAny: (permissions: readonly string[]) => boolean;
}

export function allows(access: Access, viewer: Viewer): boolean {
  if (access === 'public') return true;
  if (!viewer.signedIn) return false;
  if (access === 'signedIn') return true;
  if (access === 'official') return viewer.kind === 'official';
  return viewer.canAny(access.anyOf);
}
