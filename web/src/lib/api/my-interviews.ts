// The candidate's side of interviews (docs/api/review.md, "Interviews"): one
// function per route, with the shapes it sends and answers. A candidate sees
// the interview stages their applications are in, books an open slot (or
// moves their booking to another one until the stage's cut-off), says when
// they can come, and downloads the calendar file of their booking. The
// coordinator's routes are in interviews.ts. Changes carry the CSRF token
// through client.ts like every other module.
import { request } from './client';
import type { AvailabilityWindow, Booking, Slot } from './interviews';

// The shapes are the coordinator's (interviews.ts); a candidate's open slots
// come with an empty location: where is told with one's own booking only.
export { BOOKING_STATES } from './interviews';
export type { AvailabilityWindow, Booking, BookingState, Slot } from './interviews';

export interface MyInterview {
  stage_id: string;
  application_id: string;
  reference: string;
  /** In the request's language. */
  call_title: string;
  stage_name: string;
  /** The call's IANA time zone (e.g. Asia/Baku): times are shown on its clock. */
  time_zone: string;
  booking: Booking | null;
  /** Until when the booking can be moved (its start minus the stage's cut-off); null without a booking. */
  change_until: string | null;
  /** Slots with places left that can still be booked (after now + the cut-off), without their location. */
  open_slots: Slot[];
  availability: AvailabilityWindow[];
}

/** A stated window in the call's local time, "YYYY-MM-DDTHH:MM". */
export interface LocalWindow {
  from: string;
  to: string;
}

const enc = encodeURIComponent;

export const myInterviews = () => request<{ items: MyInterview[] }>('/api/v1/me/interviews');

/**
 * Books the slot, or moves one's booking of the same stage to it. 409 with
 * code `slot_full` (the last place was just taken) or `cutoff_passed` (the
 * slot, or one's current booking, is too close); 404 for a slot of a stage
 * one is not in.
 */
export const book = (slotId: string) => request<Booking>(`/api/v1/interview-slots/${enc(slotId)}/book`, { method: 'POST' });

/** Replaces the stated availability; 422 at `windows[i].from` / `windows[i].to`. Answers the windows in UTC. */
export const saveAvailability = (stageId: string, windows: LocalWindow[]) =>
  request<{ windows: AvailabilityWindow[] }>(`/api/v1/stages/${enc(stageId)}/availability`, { method: 'PUT', body: { windows } });

/** Where the booking's .ics file downloads from (for the candidate, staff and the panel). */
export const calendarUrl = (b: Pick<Booking, 'id' | 'calendar'>) =>
  b.calendar || `/api/v1/interview-bookings/${enc(b.id)}/calendar.ics`;

/** Whether the booking can still be moved at `now` (ms): booked, and before `change_until`. */
export function canMove(item: Pick<MyInterview, 'booking' | 'change_until'>, now: number): boolean {
  if (!item.booking || item.booking.state !== 'booked') return false;
  const until = item.change_until ? Date.parse(item.change_until) : Number.NaN;
  return Number.isFinite(until) && now < until;
}
