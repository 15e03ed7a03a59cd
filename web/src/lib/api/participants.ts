// Running the programme (docs/api/programme.md): the participants of an
// intake (those who accepted an offer), their withdrawal and preferences,
// the rotation set-up (periods, host units, required unit types), the
// rotation plan (made by the optimiser, changed by hand, published) and
// what participants and supervisors see of it. One function per route, with
// the shapes it sends and answers. Changes carry the CSRF token through
// client.ts like every other module.
import { ApiError, request } from './client';

export const PARTICIPANT_STATES = ['active', 'withdrawn', 'completed'] as const;
export type ParticipantState = (typeof PARTICIPANT_STATES)[number];

export const PLAN_STATES = ['none', 'draft', 'published'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** Rules a change by hand may break (422 at `unit_id`) and a plan may show as violated. */
export const RULES = ['same_unit_twice', 'over_capacity', 'language_missing', 'required_type', 'two_units_in_one_period'] as const;

export interface Participant {
  id: string;
  intake_id: string;
  account_id: string;
  name: string;
  email: string;
  /** The application's reference. */
  reference: string;
  state: ParticipantState;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  /** Two-letter codes. */
  languages: string[];
  /** Host units wanted, most wanted first. */
  unit_ids: string[];
  created_at: string;
}

export interface Period {
  /** Absent for a period not saved yet. */
  id?: string;
  name: string;
  /** YYYY-MM-DD */
  starts_on: string;
  ends_on: string;
}

export interface HostUnit {
  /** One of the organisation's active units. */
  unit_id: string;
  name: string;
  /** The coordinator's word (consular, protocol …), 1–40 characters. */
  type: string;
  supervisor_id: string | null;
  supervisor_name: string;
  /** Languages an intern there must speak. */
  languages: string[];
  /** Places per period, in period order. */
  places: number[];
}

export interface Requirement {
  type: string;
  /** Every participant spends at least this many periods in units of the type. */
  rotations: number;
}

export interface Setup {
  intake_id: string;
  periods: Period[];
  units: HostUnit[];
  required: Requirement[];
  /** What supervisors score, 1–5 each (at most 12); none: one score, `overall`. */
  evaluation_criteria: string[];
  /** 0 before the first save. */
  version: number;
}

export interface SetupChange {
  periods: Period[];
  units: Pick<HostUnit, 'unit_id' | 'type' | 'supervisor_id' | 'languages' | 'places'>[];
  required: Requirement[];
  evaluation_criteria: string[];
  version: number;
}

export interface PlanUnit {
  unit_id: string;
  name: string;
  type: string;
  supervisor_name: string;
  languages: string[];
  places: number[];
  taken: number[];
}

export interface PlanCell {
  period_id: string;
  unit_id: string | null;
  /** Set by hand: kept when the plan is made again with keep_manual. */
  manual: boolean;
  /** The unit's place in the participant's preferences (1 = first); null when not listed. */
  choice: number | null;
}

export interface PlanRow {
  participant_id: string;
  name: string;
  languages: string[];
  rotations: PlanCell[];
}

export interface ShortfallItem {
  participant_id: string;
  name: string;
  rotations: number;
  /** null: periods left without any unit; a type: rotations missing in that required type. */
  type: string | null;
}

export interface Shortfalls {
  rotations: number;
  participants: number;
  by_type: { type: string; short: number }[];
  items: ShortfallItem[];
}

export interface Violation {
  rule: string;
  participant_id?: string | null;
  period_id?: string | null;
  unit_id?: string | null;
  type?: string | null;
}

export interface Plan {
  intake_id: string;
  state: PlanState;
  planned_at: string | null;
  published_at: string | null;
  cost: number;
  periods: Period[];
  units: PlanUnit[];
  participants: PlanRow[];
  shortfalls: Shortfalls;
  violations: Violation[];
}

export interface MyRotation {
  period_id: string;
  unit_id: string;
  unit_name: string;
  supervisor_name: string;
}

export interface MyParticipation {
  participant: Participant;
  intake_name: string;
  organisation_name: string;
  plan_state: PlanState;
  periods: Period[];
  units: HostUnit[];
  /** Published plans only. */
  rotations: MyRotation[];
  /** The participant's own attendance over the activities held (as in the intake's shares). */
  attendance: MyAttendance;
}

/** One held activity (ended, not cancelled) and the participant's record of it; null: not recorded. */
export interface MyAttendanceItem {
  activity_id: string;
  kind: ActivityKind;
  title: string;
  starts_at: string;
  ends_at: string;
  status: AttendanceStatus | null;
  reason: string | null;
}

export interface MyAttendance {
  held: number;
  present: number;
  absent: number;
  excused: number;
  /** present / (held − excused). */
  share: number | null;
  /** Held activities by start. */
  items: MyAttendanceItem[];
}

export interface Intern {
  participant_id: string;
  name: string;
  email: string;
}

export interface InternGroup {
  intake_id: string;
  intake_name: string;
  unit_id: string;
  unit_name: string;
  period: Period;
  interns: Intern[];
}

const enc = encodeURIComponent;
const intake = (id: string) => `/api/v1/intakes/${enc(id)}`;
const participant = (id: string) => `/api/v1/participants/${enc(id)}`;

// Participants
/** Staff, by name; audited as a read of personal data. */
export const listParticipants = (intakeId: string) => request<{ items: Participant[] }>(`${intake(intakeId)}/participants`);
/** Staff or the participant; a reason is required. */
export const withdraw = (participantId: string, reason: string) =>
  request<Participant>(`${participant(participantId)}/withdraw`, { method: 'POST', body: { reason } });
/** The participant until the plan is published; staff at any time. */
export const setPreferences = (participantId: string, body: { languages: string[]; unit_ids: string[] }) =>
  request<Participant>(`${participant(participantId)}/preferences`, { method: 'PUT', body });
export const myParticipations = () => request<{ items: MyParticipation[] }>('/api/v1/me/participations');

// Rotation set-up (staff)
export const getSetup = (intakeId: string) => request<Setup>(`${intake(intakeId)}/rotation-setup`);
export const saveSetup = (intakeId: string, body: SetupChange) =>
  request<Setup>(`${intake(intakeId)}/rotation-setup`, { method: 'PUT', body });

// Rotation plan (staff)
export const getPlan = (intakeId: string) => request<Plan>(`${intake(intakeId)}/rotations`);
export const makePlan = (intakeId: string, keepManual: boolean) =>
  request<Plan>(`${intake(intakeId)}/rotations/plan`, { method: 'POST', body: { keep_manual: keepManual } });
/** A change by hand; `unitId` null empties the period. */
export const move = (intakeId: string, participantId: string, periodId: string, unitId: string | null) =>
  request<Plan>(`${intake(intakeId)}/rotations/move`, {
    method: 'POST',
    body: { participant_id: participantId, period_id: periodId, unit_id: unitId },
  });
/** Participants and supervisors are told by e-mail. */
export const publish = (intakeId: string) => request<Plan>(`${intake(intakeId)}/rotations/publish`, { method: 'POST' });

// Supervisors
export const myInterns = () => request<{ items: InternGroup[] }>('/api/v1/me/interns');

/** The stored set-up when saving was refused as `stale_version` (the problem's `current`), if sent. */
export function currentSetup(error: unknown): Setup | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const value = error.problem?.extensions?.current;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const setup = value as Partial<Setup>;
  return Array.isArray(setup.periods) && Array.isArray(setup.units) && typeof setup.version === 'number' ? (setup as Setup) : undefined;
}

/** The version in the problem's `current` (a number, or a Setup's), when saving was refused as `stale_version`. */
export function currentVersion(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const value = error.problem?.extensions?.current;
  if (typeof value === 'number') return value;
  return currentSetup(error)?.version;
}

/** Two lowercase letters, as the server wants them. */
export const LANGUAGE_CODE = /^[a-z]{2}$/;

/** "en, FR fr" → ["en", "fr"]: lowercased, without repeats (the server checks each). */
export function parseLanguages(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const code = part.trim().toLowerCase();
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Whole months after a date: 2027-01-31 + 1 month → 2027-02-28. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + months, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d ?? 1, last));
  return date.toISOString().slice(0, 10);
}

/** The day before (or `n` days after) a date. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n)).toISOString().slice(0, 10);
}

/**
 * `count` back-to-back periods of `months` months from `start`: the first
 * from 2027-03-01 of 2 months ends on 2027-04-30, the next starts 2027-05-01.
 */
export function splitPeriods(start: string, count: number, months: number, name: (n: number) => string): Period[] {
  const out: Period[] = [];
  let from = start;
  for (let i = 0; i < count; i += 1) {
    const next = addMonths(start, months * (i + 1));
    out.push({ name: name(i + 1), starts_on: from, ends_on: addDays(next, -1) });
    from = next;
  }
  return out;
}

// ---- Activities, attendance and calendar feeds ----

export const ACTIVITY_KINDS = ['training', 'lecture', 'visit', 'group_work', 'meeting', 'cultural'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const TRAINER_KINDS = ['staff', 'partner', 'international_expert', 'ngo'] as const;
export type TrainerKind = (typeof TRAINER_KINDS)[number];
export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const REPEAT_EVERY = ['day', 'week'] as const;

export interface Activity {
  id: string;
  intake_id: string;
  /** Shared by the activities of one series; null for one on its own. */
  series_id: string | null;
  kind: ActivityKind;
  title: string;
  topic: string;
  trainer_name: string;
  trainer_kind: TrainerKind;
  /** An account (trainer, coordinator, administrator) that may take attendance. */
  trainer_id: string | null;
  place: string;
  online_url: string;
  starts_at: string;
  ends_at: string;
  state: 'scheduled' | 'cancelled';
  version: number;
}

export type ActivityFields = Pick<
  Activity,
  'kind' | 'title' | 'topic' | 'trainer_name' | 'trainer_kind' | 'trainer_id' | 'place' | 'online_url' | 'starts_at' | 'ends_at'
>;

export interface CheckInCode {
  code: string;
  /** `{public_url}/check-in/{id}?code=…`: what the QR code carries. */
  url: string;
  expires_at: string;
}

export interface AttendanceRecord {
  participant_id: string;
  name: string;
  /** null when not recorded. */
  status: AttendanceStatus | null;
  method: 'qr' | 'manual' | null;
  reason: string | null;
  recorded_at: string | null;
}

export interface AttendanceShare {
  participant_id: string;
  name: string;
  held: number;
  present: number;
  absent: number;
  excused: number;
  /** present / (held − excused); null when nothing was held. */
  share: number | null;
}

const activity = (id: string) => `/api/v1/activities/${enc(id)}`;

/** Staff and the intake's participants; by start, cancelled ones included. */
export const listActivities = (intakeId: string) => request<{ items: Activity[] }>(`${intake(intakeId)}/activities`);
/** Staff; with `repeat`, a series sharing `series_id`. */
export const createActivities = (intakeId: string, body: ActivityFields & { repeat?: { every: string; count: number } }) =>
  request<{ items: Activity[] }>(`${intake(intakeId)}/activities`, { method: 'POST', body });
/** Staff; `series` changes the later ones of the series too (all but their times). */
export const updateActivity = (id: string, body: ActivityFields & { version: number; series?: boolean }) =>
  request<Activity>(activity(id), { method: 'PUT', body });
/** Staff: this one, and with `series` the later ones. */
export const cancelActivity = (id: string, series: boolean) =>
  request<{ items: Activity[] }>(`${activity(id)}/cancel`, series ? { method: 'POST', body: { series: true } } : { method: 'POST' });

/** Staff or the activity's trainer; 409 `check_in_closed` outside half an hour before the start to the end. */
export const checkInCode = (id: string) => request<CheckInCode>(`${activity(id)}/check-in-code`);
/** An active participant of the intake, with the code of the QR code. */
export const checkIn = (id: string, code: string) => request<AttendanceRecord>(`${activity(id)}/check-in`, { method: 'POST', body: { code } });
export const getAttendance = (id: string) => request<{ items: AttendanceRecord[] }>(`${activity(id)}/attendance`);
export const saveAttendance = (id: string, items: { participant_id: string; status: AttendanceStatus; reason: string }[]) =>
  request<{ items: AttendanceRecord[] }>(`${activity(id)}/attendance`, { method: 'PUT', body: { items } });
/** Staff: attendance over activities that have ended and were not cancelled. Audited. */
export const intakeAttendance = (intakeId: string) => request<{ items: AttendanceShare[] }>(`${intake(intakeId)}/attendance`);

/** A participant's own timetable, or (staff) the intake's activities; `renew` retires the old address. */
export const calendarFeed = (intakeId: string, renew = false) =>
  request<{ url: string }>(`${intake(intakeId)}/calendar-feed`, { method: 'POST', body: { renew } });

/** The webcal:// form of a feed's https address, which calendar apps subscribe to. */
export const webcalOf = (url: string) => url.replace(/^https?:\/\//, 'webcal://');
