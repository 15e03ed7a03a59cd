// Interviews at an interview stage (docs/api/review.md, "Interviews"), the
// staff's side: panels of interviewers, the slots they sit, invitations,
// automatic scheduling, bookings and attendance. One function per route, with
// the shapes it sends and answers. Changes carry the CSRF token through
// client.ts like every other module. (The candidate's routes — their
// interviews, booking, availability — are used by the candidate's page.)
import { request } from './client';

export interface PanelMember {
  account_id: string;
  name: string;
}

export interface Panel {
  id: string;
  stage_id: string;
  name: string;
  /** A room, or an online meeting link. */
  location: string;
  members: PanelMember[];
  created_at?: string;
}

export interface NewPanel {
  name: string;
  location: string;
  /** Account ids of the organisation's interviewers, reviewers or coordinators. */
  members: string[];
}

export interface Slot {
  id: string;
  stage_id?: string;
  panel_id: string;
  panel_name: string;
  location: string;
  /** RFC 3339 UTC. */
  starts_at: string;
  ends_at: string;
  places: number;
  booked: number;
  places_left: number;
}

/**
 * Slots of one panel on some days: `from`–`to` local times ("09:00") in the
 * call's time zone, cut into `length_minutes` with `break_minutes` between.
 * The server's defaults apply to the numbers left out (30, 0 and 1).
 */
export interface SlotRequest {
  stage_id: string;
  panel_id: string;
  /** "YYYY-MM-DD", in the call's time zone. */
  days: string[];
  from: string;
  to: string;
  length_minutes?: number;
  break_minutes?: number;
  places?: number;
}

export const BOOKING_STATES = ['booked', 'attended', 'no_show'] as const;
export type BookingState = (typeof BOOKING_STATES)[number];
export type BookingOrigin = 'self' | 'scheduled';
/** What staff record after the interview. */
export type Attendance = 'attended' | 'no_show';

export interface Booking {
  id: string;
  stage_id?: string;
  slot_id: string;
  application_id: string;
  reference: string;
  name: string;
  state: BookingState;
  origin: BookingOrigin;
  starts_at: string;
  ends_at: string;
  panel_name: string;
  location: string;
  /** The path of the booking's calendar file (.ics). */
  calendar: string;
}

/** A time a candidate said they can come, UTC. */
export interface AvailabilityWindow {
  start: string;
  end: string;
}

/** A candidate of the stage (an application short-listed into it), with their booking if any. */
export interface Candidate {
  application_id: string;
  reference: string;
  name: string;
  booking: Booking | null;
  /** The times they said they can come; empty when they have not said (any free slot fits). */
  availability: AvailabilityWindow[];
}

export type UnscheduledReason = 'no_slot_in_availability' | 'slots_full';

export interface ScheduleResult {
  scheduled: number;
  unscheduled: { application_id: string; reference: string; reason: UnscheduledReason | (string & {}) }[];
}

const enc = encodeURIComponent;
const stage = (id: string) => `/api/v1/stages/${enc(id)}`;

// Panels
export const listPanels = (stageId: string) => request<{ items: Panel[] }>(`${stage(stageId)}/panels`);
/** 422 `not_an_interviewer` at `members[i]`. */
export const addPanel = (stageId: string, body: NewPanel) => request<Panel>(`${stage(stageId)}/panels`, { method: 'POST', body });
/** Deletes the panel with its slots; 409 `panel_in_use` once one is booked. */
export const deletePanel = (panelId: string) => request<void>(`/api/v1/panels/${enc(panelId)}`, { method: 'DELETE' });

// Slots
/** 422 per field: `invalid_date` at `days[i]`, `invalid_time`, `out_of_range`, `unknown_panel`, `too_many_slots`. */
export const generateSlots = (intakeId: string, body: SlotRequest) =>
  request<{ created: number; items: Slot[] }>(`/api/v1/intakes/${enc(intakeId)}/interview-slots`, { method: 'POST', body });
/** The stage's slots and live bookings (audited: it names candidates). */
export const listSlots = (stageId: string) => request<{ items: Slot[]; bookings: Booking[] }>(`${stage(stageId)}/interview-slots`);
/** 409 `slot_in_use` once booked. */
export const deleteSlot = (slotId: string) => request<void>(`/api/v1/interview-slots/${enc(slotId)}`, { method: 'DELETE' });

// Candidates
/** Every candidate still in the stage, by reference, with booking and stated availability (audited: it names them). */
export const listCandidates = (stageId: string) => request<{ items: Candidate[] }>(`${stage(stageId)}/interview-candidates`);
/** E-mails every candidate of the stage without a booking a link to book. */
export const invite = (stageId: string) => request<{ invited: number }>(`${stage(stageId)}/invitations`, { method: 'POST' });
/** Places every candidate without a booking into an open slot within their availability; confirmations go out. */
export const schedule = (stageId: string) => request<ScheduleResult>(`${stage(stageId)}/schedule`, { method: 'POST' });

// Bookings
export const setAttendance = (bookingId: string, state: Attendance) =>
  request<Booking>(`/api/v1/interview-bookings/${enc(bookingId)}/attendance`, { method: 'POST', body: { state } });
/** The booking's iCalendar file, for a link (the server names it interview.ics). */
export const calendarUrl = (booking: Pick<Booking, 'id' | 'calendar'>) =>
  booking.calendar || `/api/v1/interview-bookings/${enc(booking.id)}/calendar.ics`;

/** The attendance a booking can still change to (the server's transition table). */
export function attendanceChoices(state: BookingState | string): Attendance[] {
  if (state === 'booked') return ['attended', 'no_show'];
  if (state === 'no_show') return ['attended'];
  if (state === 'attended') return ['no_show'];
  return [];
}
