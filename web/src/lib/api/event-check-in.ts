// Check-in at the sessions of a network's events (docs/api/networks.md,
// "Check-in at sessions"): a delegate's pass (the QR code of their badge),
// the session's rotating code on the host's screen, and who has checked in.
// The phone that opened a pass keeps it in localStorage, one per event.
import { request } from './client';
import type { NetworkEvent } from './networks';

export type DelegateRole = 'head' | 'member';

/** What the badge's QR code opens: who holds the pass, the event and where they have checked in. */
export interface Pass {
  delegate_id: string;
  name: string;
  role: DelegateRole;
  organisation_name: string;
  event: NetworkEvent;
  /** Ids of the sessions the holder has checked in to. */
  checked_in_to: string[];
}

export interface SessionCheckIn {
  delegate_id: string;
  name: string;
  role: DelegateRole;
  organisation_id: string;
  organisation_name: string;
  /** Null while the delegate has not checked in. */
  checked_in_at: string | null;
}

export interface SessionCode {
  code: string;
  /** `{public_url}/event-check-in?session=…&code=…`: what the screen's QR code carries. */
  url: string;
  expires_at: string;
}

const session = (id: string) => `/api/v1/event-sessions/${encodeURIComponent(id)}`;

export const getPass = (key: string) => request<Pass>(`/api/v1/passes/${encodeURIComponent(key)}`);
export const sessionCode = (id: string) => request<SessionCode>(`${session(id)}/check-in-code`);
export const checkIn = (id: string, pass: string, code: string) =>
  request<SessionCheckIn>(`${session(id)}/check-ins`, { method: 'POST', body: { pass, code } });
export const sessionCheckIns = (id: string) => request<{ items: SessionCheckIn[] }>(`${session(id)}/check-ins`);

// ---- the passes this phone carries ----

/** localStorage key of an event's pass on this phone: `cohort.event-pass.{event id}` → the pass key. */
export const PASS_PREFIX = 'cohort.event-pass.';

/** Keeps the pass of an event on this phone (replacing an earlier one of the same event). */
export function keepPass(eventId: string, key: string): boolean {
  try {
    window.localStorage.setItem(PASS_PREFIX + eventId, key);
    return true;
  } catch {
    return false; // storage disabled (a private window that refuses it)
  }
}

/** The passes this phone carries, as event id and pass key. */
export function keptPasses(): { eventId: string; key: string }[] {
  const out: { eventId: string; key: string }[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i += 1) {
      const name = window.localStorage.key(i);
      if (!name?.startsWith(PASS_PREFIX)) continue;
      const key = window.localStorage.getItem(name);
      if (key) out.push({ eventId: name.slice(PASS_PREFIX.length), key });
    }
  } catch {
    // No storage: no passes.
  }
  return out;
}
