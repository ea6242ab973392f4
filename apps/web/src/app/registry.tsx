// The one place a module's pages plug into the web app: add a route here (and its labels to
// src/i18n/*.json); the router, the navigation and the access guard all read this list.
import { lazyRouteComponent } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { HomePage } from '../pages/HomePage.tsx';

// Only the shell and the home page come with the first download. Every other page is a chunk of
// its own, loaded (with the Mantine styles of its area) when the router first goes there:
// citizens never download the workspace or the administration. The router waits for the chunk
// before it leaves the current page (router.tsx), so no blank page flashes in between.
type Module = Record<string, unknown>;
/** The citizen portal's public pages: the styles of their few extra components. */
const portal = (load: () => Promise<Module>, name: string) =>
  lazyRouteComponent(() => Promise.all([load(), import('./styles/portal.ts')]).then(([m]) => m), name);
/** Pages behind sign-in (filing, workspace, administration): all of Mantine's styles. */
const signedIn = (load: () => Promise<Module>, name: string) =>
  lazyRouteComponent(() => Promise.all([load(), import('./styles/full.ts')]).then(([m]) => m), name);

const AboutPage = portal(() => import('../pages/AboutPage.tsx'), 'AboutPage');
const CallbackPage = portal(() => import('../pages/CallbackPage.tsx'), 'CallbackPage');
const SignInPage = portal(() => import('../pages/SignInPage.tsx'), 'SignInPage');
const ProcedureSearchPage = portal(() => import('../pages/tthc/portal/ProcedureSearchPage.tsx'), 'ProcedureSearchPage');
const ProcedureDetailPage = portal(() => import('../pages/tthc/portal/ProcedureDetailPage.tsx'), 'ProcedureDetailPage');
const LookupPage = portal(() => import('../pages/tthc/portal/LookupPage.tsx'), 'LookupPage');
const RatingPage = portal(() => import('../pages/tthc/portal/RatingPage.tsx'), 'RatingPage');
const PublicStatisticsPage = portal(() => import('../pages/analytics/PublicStatisticsPage.tsx'), 'PublicStatisticsPage');
// The public dashboards draw with ECharts: the library comes with this page's chunk only.
const PublicDashboardsPage = portal(() => import('../pages/analytics/ioc/PublicDashboardsPage.tsx'), 'PublicDashboardsPage');
const PaymentReturnPage = portal(() => import('../pages/payment/PaymentReturnPage.tsx'), 'PaymentReturnPage');

const ProfilePage = signedIn(() => import('../pages/ProfilePage.tsx'), 'ProfilePage');
const ApplyPage = signedIn(() => import('../pages/tthc/portal/ApplyPage.tsx'), 'ApplyPage');
const MyDossiersPage = signedIn(() => import('../pages/tthc/portal/MyDossiersPage.tsx'), 'MyDossiersPage');
const MyDossierPage = signedIn(() => import('../pages/tthc/portal/MyDossierPage.tsx'), 'MyDossierPage');
const StorePage = signedIn(() => import('../pages/tthc/store/StorePage.tsx'), 'StorePage');
const SharedDocumentPage = signedIn(() => import('../pages/tthc/store/SharedDocumentPage.tsx'), 'SharedDocumentPage');

const QueuePage = signedIn(() => import('../pages/tthc/workspace/QueuePage.tsx'), 'QueuePage');
const DossierPage = signedIn(() => import('../pages/tthc/workspace/DossierPage.tsx'), 'DossierPage');
const CounterPage = signedIn(() => import('../pages/tthc/workspace/CounterPage.tsx'), 'CounterPage');
const RegisterPage = signedIn(() => import('../pages/tthc/workspace/RegisterPage.tsx'), 'RegisterPage');
const StatisticsPage = signedIn(() => import('../pages/analytics/StatisticsPage.tsx'), 'StatisticsPage');
const IndicatorsPage = signedIn(() => import('../pages/analytics/IndicatorsPage.tsx'), 'IndicatorsPage');
const IocPage = signedIn(() => import('../pages/analytics/ioc/IocPage.tsx'), 'IocPage');
const DashboardsAdminPage = signedIn(() => import('../pages/analytics/ioc/DashboardsAdminPage.tsx'), 'DashboardsAdminPage');
const RatingsPage = signedIn(() => import('../pages/tthc/workspace/RatingsPage.tsx'), 'RatingsPage');
const ResultsRegistryPage = signedIn(() => import('../pages/results/ResultsRegistryPage.tsx'), 'ResultsRegistryPage');

const OfficialsPage = signedIn(() => import('../pages/admin/OfficialsPage.tsx'), 'OfficialsPage');
const RolesPage = signedIn(() => import('../pages/admin/RolesPage.tsx'), 'RolesPage');
const AgenciesPage = signedIn(() => import('../pages/admin/AgenciesPage.tsx'), 'AgenciesPage');
const CataloguesPage = signedIn(() => import('../pages/admin/CataloguesPage.tsx'), 'CataloguesPage');
const CalendarPage = signedIn(() => import('../pages/admin/CalendarPage.tsx'), 'CalendarPage');
const ProceduresAdminPage = signedIn(() => import('../pages/admin/tthc/ProceduresAdminPage.tsx'), 'ProceduresAdminPage');
const OfferingsAdminPage = signedIn(() => import('../pages/admin/tthc/OfferingsAdminPage.tsx'), 'OfferingsAdminPage');
const ProcessesAdminPage = signedIn(() => import('../pages/admin/tthc/ProcessesAdminPage.tsx'), 'ProcessesAdminPage');
const FormsAdminPage = signedIn(() => import('../pages/admin/tthc/FormsAdminPage.tsx'), 'FormsAdminPage');
const NationalSyncsPage = signedIn(() => import('../pages/admin/tthc/NationalSyncsPage.tsx'), 'NationalSyncsPage');
const ReconciliationsPage = signedIn(() => import('../pages/payment/ReconciliationsPage.tsx'), 'ReconciliationsPage');
const NoticeTemplatesPage = signedIn(() => import('../pages/admin/tthc/NoticeTemplatesPage.tsx'), 'NoticeTemplatesPage');
const AuditPage = signedIn(() => import('../pages/admin/AuditPage.tsx'), 'AuditPage');
const LgspHealthPage = signedIn(() => import('../pages/lgsp/LgspHealthPage.tsx'), 'LgspHealthPage');
const LgspCataloguePage = signedIn(() => import('../pages/lgsp/portal/LgspCataloguePage.tsx'), 'LgspCataloguePage');
const LgspServicePage = signedIn(() => import('../pages/lgsp/portal/LgspServicePage.tsx'), 'LgspServicePage');
const LgspUsagePage = signedIn(() => import('../pages/lgsp/portal/LgspUsagePage.tsx'), 'LgspUsagePage');
const LgspAdminPage = signedIn(() => import('../pages/lgsp/admin/LgspAdminPage.tsx'), 'LgspAdminPage');
const LgspServiceAdminPage = signedIn(() => import('../pages/lgsp/admin/LgspServiceAdminPage.tsx'), 'LgspServiceAdminPage');

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
  /** A lazy page carries `preload` (lazyRouteComponent): the router loads it before showing it. */
  component: ComponentType & { preload?: () => Promise<void> };
  access: Access;
  /** Shown in the navigation of this section when set. */
  section?: SectionId;
  /** i18n key of the navigation label. */
  labelKey?: string;
}

export const pageRoutes: PageRoute[] = [
  { path: '/', component: HomePage, access: 'public' },
  { path: '/about', component: AboutPage, access: 'public' },
  { path: '/auth/callback', component: CallbackPage, access: 'public' },
  { path: '/auth/sign-in', component: SignInPage, access: 'public' },
  { path: '/account', component: ProfilePage, access: 'signedIn' },

  { path: '/services', component: ProcedureSearchPage, access: 'public', section: 'citizen', labelKey: 'nav.services' },
  { path: '/services/$procedureId', component: ProcedureDetailPage, access: 'public' },
  { path: '/services/$procedureId/apply', component: ApplyPage, access: 'signedIn' },
  { path: '/my-dossiers', component: MyDossiersPage, access: 'citizen', section: 'citizen', labelKey: 'tthc.nav.mine' },
  { path: '/my-dossiers/$dossierId', component: MyDossierPage, access: 'citizen' },
  { path: '/kho-du-lieu', component: StorePage, access: 'citizen', section: 'citizen', labelKey: 'tthc.nav.store' },
  { path: '/kho-du-lieu/chia-se/$token', component: SharedDocumentPage, access: 'signedIn' },
  { path: '/tra-cuu', component: LookupPage, access: 'public', section: 'citizen', labelKey: 'tthc.nav.lookup' },
  { path: '/payments/return', component: PaymentReturnPage, access: 'public' },
  { path: '/danh-gia', component: RatingPage, access: 'public' },
  { path: '/thong-ke', component: PublicStatisticsPage, access: 'public', section: 'citizen', labelKey: 'analytics.nav.public' },
  { path: '/thong-ke/bang-dieu-khien', component: PublicDashboardsPage, access: 'public' },

  { path: '/workspace', component: QueuePage, access: 'official', section: 'workspace', labelKey: 'nav.workspaceHome' },
  { path: '/workspace/dossiers/$dossierId', component: DossierPage, access: 'official' },
  { path: '/workspace/counter', component: CounterPage, access: { anyOf: ['dossier.receive'] }, section: 'workspace', labelKey: 'tthc.nav.counter' },
  { path: '/workspace/ratings', component: RatingsPage, access: { anyOf: ['report.read', 'dossier.read'] }, section: 'workspace', labelKey: 'tthc.nav.ratings' },
  { path: '/workspace/statistics', component: StatisticsPage, access: { anyOf: ['report.read'] }, section: 'workspace', labelKey: 'analytics.nav.statistics' },
  { path: '/workspace/results', component: ResultsRegistryPage, access: { anyOf: ['dossier.read', 'dossier.process', 'dossier.approve', 'dossier.receive', 'result.manage'] }, section: 'workspace', labelKey: 'resultsRegistry.nav' },
  { path: '/workspace/indicators', component: IndicatorsPage, access: { anyOf: ['report.read'] }, section: 'workspace', labelKey: 'analytics.nav.indicators' },
  { path: '/workspace/ioc', component: IocPage, access: { anyOf: ['report.read'] }, section: 'workspace', labelKey: 'analytics.nav.ioc' },
  { path: '/workspace/lgsp', component: LgspCataloguePage, access: 'official', section: 'workspace', labelKey: 'lgspNav.catalogue' },
  { path: '/workspace/lgsp/services/$serviceId', component: LgspServicePage, access: 'official' },
  { path: '/workspace/lgsp/usage', component: LgspUsagePage, access: { anyOf: ['lgsp.manage'] }, section: 'workspace', labelKey: 'lgspNav.usage' },
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
  { path: '/admin/ioc', component: DashboardsAdminPage, access: { anyOf: ['catalog.edit'] }, section: 'admin', labelKey: 'analytics.nav.dashboards' },
  { path: '/admin/audit', component: AuditPage, access: { anyOf: ['audit.read'] }, section: 'admin', labelKey: 'nav.audit' },
  { path: '/admin/lgsp', component: LgspAdminPage, access: { anyOf: ['lgsp.manage'] }, section: 'admin', labelKey: 'lgspNav.admin' },
  { path: '/admin/lgsp/services/$serviceId', component: LgspServiceAdminPage, access: { anyOf: ['lgsp.manage'] } },
  { path: '/admin/lgsp/health', component: LgspHealthPage, access: { anyOf: ['lgsp.manage'] }, section: 'admin', labelKey: 'lgspHealth.nav' },
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
