// Who is signed in. Asked once when the page loads (GET /api/v1/session, which
// answers `account: null` rather than 401 when nobody is) and kept in sync by
// the pages that sign in and out. The CSRF token lives in memory only and goes
// to the API client, which adds it to every state-changing request.
import * as api from './api/accounts';
import { ApiError, holdChangesUntil, setCsrfToken, setSessionLostHandler } from './api/client';

const state = $state<{ account: api.Account | null; loaded: boolean; expired: boolean }>({
  account: null,
  loaded: false,
  expired: false,
});

export function account(): api.Account | null {
  return state.account;
}

/**
 * Whether the person signed in manages the programmes of this organisation
 * (its intakes and calls): a platform administrator, or one of its
 * administrators or coordinators.
 */
export function managesProgrammes(organisationId: string | undefined): boolean {
  const me = state.account;
  if (organisationId === undefined || !me) return false;
  if (me.is_platform_admin) return true;
  return me.memberships.some(
    (m) => m.organisation_id === organisationId && (m.role === 'organisation_admin' || m.role === 'coordinator'),
  );
}

/**
 * Whether the person signed in has a role in some organisation: any staff
 * member may be a stage's reviewer, so the header links their reviews.
 */
export function hasStaffRole(): boolean {
  const me = state.account;
  return !!me && me.memberships.length > 0;
}

/** Roles that may supervise a host unit's interns (docs/api/programme.md, `not_staff`). */
const SUPERVISING_ROLES = ['unit_supervisor', 'coordinator', 'organisation_admin'];

/** Whether the person signed in may supervise interns somewhere: the header links /interns. */
export function supervisesInterns(): boolean {
  const me = state.account;
  return !!me && me.memberships.some((m) => SUPERVISING_ROLES.includes(m.role));
}

/** Roles whose holder may train an activity and take its attendance (docs/api/programme.md, `trainer_id`). */
const TRAINING_ROLES = ['trainer', 'coordinator', 'organisation_admin'];

/** Whether the person signed in may train activities somewhere: the header links /my-activities. */
export function trainsActivities(): boolean {
  const me = state.account;
  return !!me && me.memberships.some((m) => TRAINING_ROLES.includes(m.role));
}

export function sessionLoaded(): boolean {
  return state.loaded;
}

/** True after the server ended a session this page was using (idle timeout, password reset elsewhere). */
export function sessionExpired(): boolean {
  return state.expired;
}

export function setSession(me: api.SessionInfo | null): void {
  state.account = me?.account ?? null;
  setCsrfToken(me?.account ? me.csrf_token : '');
  state.loaded = true;
  if (state.account) state.expired = false;
}

/** Replaces the account (after a profile change) and keeps the session's CSRF token. */
export function updateAccount(account: api.Account): void {
  state.account = account;
}

let loading: Promise<void> | undefined;

export function loadSession(): Promise<void> {
  const load = (async () => {
    try {
      setSession(await api.session());
    } catch (error) {
      // Offline or the server is down: show the page as signed out.
      if (!(error instanceof ApiError)) throw error;
      setSession(null);
    }
  })();
  loading = load;
  holdChangesUntil(load);
  return load;
}

/** Resolves once the first answer about the session is in. */
export function whenSessionLoaded(): Promise<void> {
  return loading ?? loadSession();
}

/** Signs out on the server; the page shows the visitor as signed out whatever happens. */
export async function endSession(): Promise<void> {
  try {
    await api.signOut();
  } catch (error) {
    // Already ended on the server, or offline: nothing more to do here.
    if (!(error instanceof ApiError)) throw error;
  } finally {
    setSession(null);
  }
}

setSessionLostHandler(() => {
  if (!state.account) return;
  setSession(null);
  state.expired = true;
});
