// Who is signed in. Loaded once at start (GET /api/v1/me) and kept in sync by
// the pages that sign in and out; the CSRF token goes to the API client.
import * as api from './api/accounts';
import { ApiError, setCsrfToken } from './api/client';

const state = $state<{ account: api.Account | null; loaded: boolean }>({ account: null, loaded: false });

export function account(): api.Account | null {
  return state.account;
}

export function sessionLoaded(): boolean {
  return state.loaded;
}

export function setSession(me: { account: api.Account | null; csrf_token: string } | null): void {
  state.account = me?.account ?? null;
  setCsrfToken(me?.csrf_token ?? '');
  state.loaded = true;
}

export async function loadSession(): Promise<void> {
  try {
    setSession(await api.session());
  } catch (error) {
    // Offline or the server is down: show the page as signed out.
    if (!(error instanceof ApiError)) throw error;
    setSession(null);
  }
}

export async function endSession(): Promise<void> {
  try {
    await api.signOut();
  } finally {
    setSession(null);
  }
}
