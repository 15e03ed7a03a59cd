// Which view each client path shows. Paths not listed here show NotFound.
import type { Component } from 'svelte';
import ComingSoon from './ComingSoon.svelte';
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
  // Placeholders for the role areas still to come; ComingSoon says so plainly.
  '/calls': { component: ComingSoon, titleKey: 'nav.calls', props: { titleKey: 'nav.calls' } },
  '/applications': {
    component: ComingSoon,
    titleKey: 'nav.applications',
    props: { titleKey: 'nav.applications' },
  },
  '/staff': { component: Staff, titleKey: 'staff.title', session: true },
  '/organisation': { component: Organisation, titleKey: 'staff.title', session: true },
  '/invitations/accept': { component: AcceptInvitation, titleKey: 'staff.accept_title', session: true },
  '/notifications': { component: Notifications, titleKey: 'notifications.title', session: true },
};

/** The navigation entries in the header; all still placeholders. */
export const NAV_ITEMS = [
  { path: '/calls', labelKey: 'nav.calls', available: false },
  { path: '/applications', labelKey: 'nav.applications', available: false },
  { path: '/staff', labelKey: 'nav.staff', available: true },
] as const;
