// Which view each client path shows. Paths not listed here show NotFound.
// Each view is its own chunk, loaded the first time its path is shown: a
// phone opening one open call does not download the staff pages. The
// chunks are files under /assets, so the Content-Security-Policy
// (script-src 'self') allows them as it allows the main bundle.
import type { Component } from 'svelte';

/** A module whose default export is a view. */
export type ViewModule = { default: Component<any> };

export interface Route {
  // Views take different props; each entry below passes the ones its view needs.
  /** Loads the view's chunk (App.svelte keeps what it loaded). */
  load: () => Promise<ViewModule>;
  /** Catalogue key of the page's title, used for document.title. */
  titleKey: string;
  props?: Record<string, unknown>;
  /** Only for signed-in people: others go to /login and come back after signing in. */
  session?: boolean;
}

export const ROUTES: Readonly<Record<string, Route>> = {
  '/': { load: () => import('./Home.svelte'), titleKey: 'home.title' },
  '/status': { load: () => import('./Status.svelte'), titleKey: 'status.title' },
  '/register': { load: () => import('./Register.svelte'), titleKey: 'auth.register_title' },
  '/login': { load: () => import('./Login.svelte'), titleKey: 'auth.login_title' },
  '/verify-email': { load: () => import('./VerifyEmail.svelte'), titleKey: 'auth.verify_title' },
  '/reset-password': { load: () => import('./ResetPassword.svelte'), titleKey: 'auth.reset_title' },
  '/privacy': { load: () => import('./Privacy.svelte'), titleKey: 'privacy.title' },
  '/account': { load: () => import('./Account.svelte'), titleKey: 'account.title', session: true },
  '/account/tokens': { load: () => import('./Tokens.svelte'), titleKey: 'tokens.title', session: true },
  '/calls': { load: () => import('./Calls.svelte'), titleKey: 'nav.calls' },
  '/call': { load: () => import('./Call.svelte'), titleKey: 'calls.call_title' },
  '/applications': { load: () => import('./Applications.svelte'), titleKey: 'nav.applications', session: true },
  '/application': { load: () => import('./Application.svelte'), titleKey: 'application.title', session: true },
  '/staff': { load: () => import('./Staff.svelte'), titleKey: 'staff.title', session: true },
  '/organisation': { load: () => import('./Organisation.svelte'), titleKey: 'staff.title', session: true },
  '/programme': { load: () => import('./Programme.svelte'), titleKey: 'programmes.programme_title', session: true },
  '/intake': { load: () => import('./Intake.svelte'), titleKey: 'intake.title', session: true },
  '/stage': { load: () => import('./Stage.svelte'), titleKey: 'stages.stage_title', session: true },
  '/reviews': { load: () => import('./MyReviews.svelte'), titleKey: 'review.queue_title', session: true },
  '/review': { load: () => import('./Review.svelte'), titleKey: 'review.title', session: true },
  '/invitations/accept': { load: () => import('./AcceptInvitation.svelte'), titleKey: 'staff.accept_title', session: true },
  '/notifications': { load: () => import('./Notifications.svelte'), titleKey: 'notifications.title', session: true },
  '/offers': { load: () => import('./Offers.svelte'), titleKey: 'offers.title', session: true },
  // The invitation and confirmation e-mails link here (interviews/service.cc).
  '/interviews': { load: () => import('./Interviews.svelte'), titleKey: 'interviews.title', session: true },
  // Running the programme (docs/api/programme.md): the coordinator's page of an intake, the participant's, the supervisor's.
  '/intake/programme': { load: () => import('./IntakeProgramme.svelte'), titleKey: 'programme_run.title', session: true },
  '/my-programme': { load: () => import('./MyProgramme.svelte'), titleKey: 'my_programme.title', session: true },
  '/interns': { load: () => import('./Interns.svelte'), titleKey: 'interns.title', session: true },
  // Activities and certificates (docs/api/programme.md): the trainer's QR code screen, the
  // holder's certificates (the issuing e-mail links here) and the public verification page
  // (the certificate's QR code opens /verify?c=…).
  '/check-in-screen': { load: () => import('./CheckInScreen.svelte'), titleKey: 'check_in_screen.title', session: true },
  '/certificates': { load: () => import('./Certificates.svelte'), titleKey: 'certificates.title', session: true },
  '/verify': { load: () => import('./Verify.svelte'), titleKey: 'verify.title' },
  // A trainer's activities (check-in screen and attendance by hand) and the opt-in alumni directory.
  '/my-activities': { load: () => import('./MyActivities.svelte'), titleKey: 'my_activities.title', session: true },
  '/alumni': { load: () => import('./Alumni.svelte'), titleKey: 'alumni.directory.title', session: true },
  // The statistics a programme publishes to everyone (docs/api/reports.md): /statistics?programme=….
  '/statistics': { load: () => import('./Statistics.svelte'), titleKey: 'statistics.title' },
  // Networks of organisations, their events and delegations (docs/api/networks.md).
  '/networks': { load: () => import('./Networks.svelte'), titleKey: 'networks.title', session: true },
  '/network': { load: () => import('./Network.svelte'), titleKey: 'networks.network_title', session: true },
  // One member's yearly report to its network: filled in by the member, read by the chair (docs/api/networks.md).
  '/network/report': { load: () => import('./NetworkReport.svelte'), titleKey: 'yearly_reports.title', session: true },
  '/event': { load: () => import('./Event.svelte'), titleKey: 'events.event_title', session: true },
  // Check-in at the sessions of an event (docs/api/networks.md): the badge's QR code opens /pass?key=… (no
  // account: the phone keeps the pass), the session's screen shows a rotating QR code of
  // /event-check-in?session=…&code=…, which checks the phone's pass holder in.
  '/pass': { load: () => import('./Pass.svelte'), titleKey: 'pass.title' },
  '/event-check-in': { load: () => import('./EventCheckIn.svelte'), titleKey: 'event_check_in.title' },
  '/event-check-in-screen': { load: () => import('./EventCheckInScreen.svelte'), titleKey: 'event_check_in.screen_title', session: true },
};

/** Views whose address carries an id in the path: the check-in QR code opens /check-in/{activity}?code=…. */
const PREFIX_ROUTES: readonly { prefix: string; route: Route }[] = [
  { prefix: '/check-in/', route: { load: () => import('./CheckIn.svelte'), titleKey: 'check_in.title', session: true } },
];

/** The view for a path: an exact entry of ROUTES, else one whose prefix it starts with (and has more after). */
export function findRoute(path: string): Route | undefined {
  const exact = ROUTES[path];
  if (exact) return exact;
  return PREFIX_ROUTES.find((p) => path.startsWith(p.prefix) && path.length > p.prefix.length && !path.slice(p.prefix.length).includes('/'))?.route;
}

/**
 * The navigation entries in the header (`available: false` marks a
 * placeholder; `staff: true` shows only to people with a role in an
 * organisation, `session: true` only to people signed in, `participant: true`
 * only to participants of a programme, `supervisor: true` only to those who
 * may supervise interns: unit supervisors, coordinators and administrators;
 * `trainer: true` only to those who may train activities: trainers,
 * coordinators and administrators; `network: true` only to platform
 * administrators and those who can see a network).
 */
export const NAV_ITEMS: readonly {
  path: string;
  labelKey: string;
  available: boolean;
  staff?: boolean;
  session?: boolean;
  participant?: boolean;
  supervisor?: boolean;
  trainer?: boolean;
  network?: boolean;
}[] = [
  { path: '/calls', labelKey: 'nav.calls', available: true },
  { path: '/applications', labelKey: 'nav.applications', available: true },
  { path: '/interviews', labelKey: 'nav.interviews', available: true, session: true },
  { path: '/offers', labelKey: 'nav.offers', available: true, session: true },
  { path: '/my-programme', labelKey: 'nav.my_programme', available: true, participant: true },
  { path: '/certificates', labelKey: 'nav.certificates', available: true, participant: true },
  { path: '/interns', labelKey: 'nav.interns', available: true, supervisor: true },
  { path: '/my-activities', labelKey: 'my_activities.nav', available: true, trainer: true },
  { path: '/reviews', labelKey: 'nav.reviews', available: true, staff: true },
  { path: '/staff', labelKey: 'nav.staff', available: true },
  { path: '/networks', labelKey: 'nav.networks', available: true, network: true },
];
