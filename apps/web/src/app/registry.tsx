// The one place a module's pages plug into the web app: add a route here (and its labels to
// src/i18n/*.json); the router, the navigation and the access guard all read this list.
import { lazy, type ComponentType } from 'react';
import { HomePage } from '../pages/HomePage.tsx';
import { CallbackPage } from '../pages/CallbackPage.tsx';
import { ProfilePage } from '../pages/ProfilePage.tsx';
import { ProcedureSearchPage } from '../pages/tthc/portal/ProcedureSearchPage.tsx';
import { ProcedureDetailPage } from '../pages/tthc/portal/ProcedureDetailPage.tsx';
import { LookupPage } from '../pages/tthc/portal/LookupPage.tsx';
import { PaymentReturnPage } from '../pages/payment/PaymentReturnPage.tsx';
import { RatingPage } from '../pages/tthc/portal/RatingPage.tsx';

// Administration pages load on first visit: citizens never download them.
const OfficialsPage = lazy(() => import('../pages/admin/OfficialsPage.tsx').then((m) => ({ default: m.OfficialsPage })));
const RolesPage = lazy(() => import('../pages/admin/RolesPage.tsx').then((m) => ({ default: m.RolesPage })));
const AgenciesPage = lazy(() => import('../pages/admin/AgenciesPage.tsx').then((m) => ({ default: m.AgenciesPage })));
const CataloguesPage = lazy(() => import('../pages/admin/CataloguesPage.tsx').then((m) => ({ default: m.CataloguesPage })));
const CalendarPage = lazy(() => import('../pages/admin/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })));
const ProceduresAdminPage = lazy(() => import('../pages/admin/tthc/ProceduresAdminPage.tsx').then((m) => ({ default: m.ProceduresAdminPage })));
const OfferingsAdminPage = lazy(() => import('../pages/admin/tthc/OfferingsAdminPage.tsx').then((m) => ({ default: m.OfferingsAdminPage })));
const ProcessesAdminPage = lazy(() => import('../pages/admin/tthc/ProcessesAdminPage.tsx').then((m) => ({ default: m.ProcessesAdminPage })));
const FormsAdminPage = lazy(() => import('../pages/admin/tthc/FormsAdminPage.tsx').then((m) => ({ default: m.FormsAdminPage })));
const NationalSyncsPage = lazy(() => import('../pages/admin/tthc/NationalSyncsPage.tsx').then((m) => ({ default: m.NationalSyncsPage })));
const NoticeTemplatesPage = lazy(() => import('../pages/admin/tthc/NoticeTemplatesPage.tsx').then((m) => ({ default: m.NoticeTemplatesPage })));
const ReconciliationsPage = lazy(() => import('../pages/payment/ReconciliationsPage.tsx').then((m) => ({ default: m.ReconciliationsPage })));
const AuditPage = lazy(() => import('../pages/admin/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));

// Procedure (tthc) pages behind sign-in: the public portal pages above load with the app
// (the guard renders public pages without a Suspense boundary).
const ApplyPage = lazy(() => import('../pages/tthc/portal/ApplyPage.tsx').then((m) => ({ default: m.ApplyPage })));
const MyDossiersPage = lazy(() => import('../pages/tthc/portal/MyDossiersPage.tsx').then((m) => ({ default: m.MyDossiersPage })));
const MyDossierPage = lazy(() => import('../pages/tthc/portal/MyDossierPage.tsx').then((m) => ({ default: m.MyDossierPage })));
const QueuePage = lazy(() => import('../pages/tthc/workspace/QueuePage.tsx').then((m) => ({ default: m.QueuePage })));
const RegisterPage = lazy(() => import('../pages/tthc/workspace/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })));
const DossierPage = lazy(() => import('../pages/tthc/workspace/DossierPage.tsx').then((m) => ({ default: m.DossierPage })));
const RatingsPage = lazy(() => import('../pages/tthc/workspace/RatingsPage.tsx').then((m) => ({ default: m.RatingsPage })));
const CounterPage = lazy(() => import('../pages/tthc/workspace/CounterPage.tsx').then((m) => ({ default: m.CounterPage })));

export type SectionId = 'citizen' | 'workspace' | 'admin';

/** Navigation sections, in display order: citizen portal, one-stop workspace, administration. */
export const sections: { id: SectionId; labelKey: string }[] = [
  { id: 'citizen', labelKey: 'nav.citizen' },
  { id: 'workspace', labelKey: 'nav.workspace' },
  { id: 'admin', labelKey: 'nav.admin' },
];

/** Who may open a page: anyone, anyone signed in, citizens, officials, or holders of any listed permission. */
export type Access = 'public' | 'signedIn' | 'citizen' | 'official' | { anyOf: readonly string[] };

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

  { path: '/services', component: ProcedureSearchPage, access: 'public', section: 'citizen', labelKey: 'nav.services' },
  { path: '/services/$procedureId', component: ProcedureDetailPage, access: 'public' },
  { path: '/services/$procedureId/apply', component: ApplyPage, access: 'signedIn' },
  { path: '/my-dossiers', component: MyDossiersPage, access: 'citizen', section: 'citizen', labelKey: 'tthc.nav.mine' },
  { path: '/my-dossiers/$dossierId', component: MyDossierPage, access: 'citizen' },
  { path: '/tra-cuu', component: LookupPage, access: 'public', section: 'citizen', labelKey: 'tthc.nav.lookup' },
  { path: '/payments/return', component: PaymentReturnPage, access: 'public' },
  { path: '/danh-gia', component: RatingPage, access: 'public' },

  { path: '/workspace', component: QueuePage, access: 'official', section: 'workspace', labelKey: 'nav.workspaceHome' },
  { path: '/workspace/dossiers/$dossierId', component: DossierPage, access: 'official' },
  { path: '/workspace/counter', component: CounterPage, access: { anyOf: ['dossier.receive'] }, section: 'workspace', labelKey: 'tthc.nav.counter' },
  { path: '/workspace/ratings', component: RatingsPage, access: { anyOf: ['report.read', 'dossier.read'] }, section: 'workspace', labelKey: 'tthc.nav.ratings' },
  { path: '/workspace/register', component: RegisterPage, access: { anyOf: ['dossier.receive'] }, section: 'workspace', labelKey: 'tthc.register.open' },

  { path: '/admin/officials', component: OfficialsPage, access: { anyOf: ['identity.manage'] }, section: 'admin', labelKey: 'nav.officials' },
  { path: '/admin/roles', component: RolesPage, access: { anyOf: ['identity.manage'] }, section: 'admin', labelKey: 'nav.roles' },
  { path: '/admin/agencies', component: AgenciesPage, access: { anyOf: ['catalog.edit'] }, section: 'admin', labelKey: 'nav.agencies' },
  { path: '/admin/catalogues', component: CataloguesPage, access: { anyOf: ['catalog.edit'] }, section: 'admin', labelKey: 'nav.catalogues' },
  { path: '/admin/calendar', component: CalendarPage, access: { anyOf: ['calendar.edit'] }, section: 'admin', labelKey: 'nav.calendar' },
  { path: '/admin/tthc/procedures', component: ProceduresAdminPage, access: { anyOf: ['procedure.edit'] }, section: 'admin', labelKey: 'tthcAdmin.nav.procedures' },
  { path: '/admin/tthc/offerings', component: OfferingsAdminPage, access: { anyOf: ['procedure.edit'] }, section: 'admin', labelKey: 'tthcAdmin.nav.offerings' },
  { path: '/admin/tthc/processes', component: ProcessesAdminPage, access: { anyOf: ['procedure.edit'] }, section: 'admin', labelKey: 'tthcAdmin.nav.processes' },
  { path: '/admin/tthc/forms', component: FormsAdminPage, access: { anyOf: ['procedure.edit'] }, section: 'admin', labelKey: 'tthcAdmin.nav.forms' },
  { path: '/admin/tthc/notice-templates', component: NoticeTemplatesPage, access: { anyOf: ['procedure.edit'] }, section: 'admin', labelKey: 'tthcAdmin.nav.notices' },
  { path: '/admin/tthc/national-syncs', component: NationalSyncsPage, access: { anyOf: ['dvcqg.sync'] }, section: 'admin', labelKey: 'tthcAdmin.nav.nationalSyncs' },
  { path: '/admin/payments/reconciliations', component: ReconciliationsPage, access: { anyOf: ['payment.reconcile'] }, section: 'admin', labelKey: 'payment.nav.reconciliations' },
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
  if (access === 'citizen') return viewer.kind === 'citizen';
  return viewer.canAny(access.anyOf);
}
