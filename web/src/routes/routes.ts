// Which view each client path shows. Paths not listed here show NotFound.
import type { Component } from 'svelte';
import Home from './Home.svelte';
import Status from './Status.svelte';
import Account from './Account.svelte';
import Login from './Login.svelte';
import Privacy from './Privacy.svelte';
import Register from './Register.svelte';
import ResetPassword from './ResetPassword.svelte';
import Tokens from './Tokens.svelte';
import VerifyEmail from './VerifyEmail.svelte';
import AcceptInvitation from './AcceptInvitation.svelte';
import Notifications from './Notifications.svelte';
import Organisation from './Organisation.svelte';
import Staff from './Staff.svelte';
import Programme from './Programme.svelte';
import Intake from './Intake.svelte';
import Calls from './Calls.svelte';
import Call from './Call.svelte';
import Application from './Application.svelte';
import Applications from './Applications.svelte';

export interface Route {
  // Views take different props; each entry below passes the ones its view needs.
  component: Component<any>;
  /** Catalogue key of the page's title, used for document.title. */
  titleKey: string;
  props?: Record<string, unknown>;
  /** Only for signed-in people: others go to /login and come back after signing in. */
  session?: boolean;
}

export const ROUTES: Readonly<Record<string, Route>> = {
  '/': { component: Home, titleKey: 'home.title' },
  '/status': { component: Status, titleKey: 'status.title' },
  '/register': { component: Register, titleKey: 'auth.register_title' },
  '/login': { component: Login, titleKey: 'auth.login_title' },
  '/verify-email': { component: VerifyEmail, titleKey: 'auth.verify_title' },
  '/reset-password': { component: ResetPassword, titleKey: 'auth.reset_title' },
  '/privacy': { component: Privacy, titleKey: 'privacy.title' },
  '/account': { component: Account, titleKey: 'account.title', session: true },
  '/account/tokens': { component: Tokens, titleKey: 'tokens.title', session: true },
  '/calls': { component: Calls, titleKey: 'nav.calls' },
  '/call': { component: Call, titleKey: 'calls.call_title' },
  '/applications': { component: Applications, titleKey: 'nav.applications', session: true },
  '/application': { component: Application, titleKey: 'application.title', session: true },
  '/staff': { component: Staff, titleKey: 'staff.title', session: true },
  '/organisation': { component: Organisation, titleKey: 'staff.title', session: true },
  '/programme': { component: Programme, titleKey: 'programmes.programme_title', session: true },
  '/intake': { component: Intake, titleKey: 'intake.title', session: true },
  '/invitations/accept': { component: AcceptInvitation, titleKey: 'staff.accept_title', session: true },
  '/notifications': { component: Notifications, titleKey: 'notifications.title', session: true },
};

/** The navigation entries in the header (`available: false` marks a placeholder). */
export const NAV_ITEMS = [
  { path: '/calls', labelKey: 'nav.calls', available: true },
  { path: '/applications', labelKey: 'nav.applications', available: true },
  { path: '/staff', labelKey: 'nav.staff', available: true },
] as const;
