// Programmes, intakes, calls and the staff list of applications
// (docs/api/calls-and-applications.md: the staff routes).
import { request } from './client';

/** A text in the three languages; readers fall back az → en → ru. */
export type Translated = Partial<Record<'az' | 'en' | 'ru', string>>;

export const TEXT_LOCALES = ['az', 'en', 'ru'] as const;
export type TextLocale = (typeof TEXT_LOCALES)[number];

export interface Programme {
  id: string;
  organisation_id: string;
  name: string;
  code: string;
  description: string;
  created_at: string;
}

export interface Intake {
  id: string;
  programme_id: string;
  organisation_id: string;
  name: string;
  /** YYYY-MM-DD */
  starts_on: string;
  ends_on: string;
  capacity: number;
  time_zone: string;
  has_call: boolean;
  created_at: string;
}

export interface NewIntake {
  name: string;
  starts_on: string;
  ends_on: string;
  capacity: number | null;
  time_zone: string;
  /** An intake of the same programme whose call comes along (unpublished, without a window). */
  from_intake?: string;
}

export type IntakeChange = Partial<Pick<Intake, 'name' | 'starts_on' | 'ends_on' | 'capacity' | 'time_zone'>>;

export const FIELD_TYPES = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'date',
  'number',
  'email',
  'phone',
  'file',
  'education',
  'languages',
  'consent',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface Option {
  value: string;
  label: Translated;
}

export interface Field {
  key: string;
  type: FieldType;
  label: Translated;
  help?: Translated;
  required?: boolean;
  retired?: boolean;
  max_chars?: number;
  max_words?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  options?: Option[];
  max_choices?: number;
  accept?: string[];
  max_bytes?: number;
  visible_if?: { field: string; equals: unknown };
  stage?: number;
}

export const RULE_KINDS = [
  'field_of_study_in',
  'graduation_year_between',
  'age_between',
  'language_at_least',
  'answer',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const ANSWER_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in'] as const;
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;

export interface Rule {
  id: string;
  kind: RuleKind;
  field: string;
  knock_out: boolean;
  values?: string[];
  min?: number;
  max?: number;
  on?: string;
  language?: string;
  level?: string;
  op?: string;
  value?: unknown;
}

export interface CallSettings {
  title: Translated;
  description: Translated;
  /** "YYYY-MM-DDTHH:MM" read in `time_zone`. */
  opens_at_local?: string;
  closes_at_local?: string;
  time_zone: string;
  published: boolean;
  /** `second_stage_days`: days the short-list form (stage-2 fields) stays open, 1–60 (the server's default 14). */
  form: { fields: Field[]; second_stage_days?: number };
  eligibility: { rules: Rule[] };
}

export type CallState = 'draft' | 'scheduled' | 'open' | 'closed';

export interface Call extends CallSettings {
  id: string;
  intake_id: string;
  organisation_id: string;
  programme_id: string;
  opens_at: string | null;
  closes_at: string | null;
  state: CallState;
  applications: number;
  updated_at: string;
}

export const APPLICATION_STATES = ['draft', 'submitted', 'withdrawn'] as const;
export const ELIGIBILITY_OUTCOMES = ['pending', 'eligible', 'ineligible', 'review'] as const;

export interface StaffRow {
  id: string;
  reference: string | null;
  state: string;
  /** The outcome (`pending|eligible|ineligible|review`); tolerated as an object with `outcome` too. */
  eligibility: string | { outcome: string } | null;
  applicant: { id: string; name: string; email: string };
  submitted_at: string | null;
  updated_at: string;
  /** Staff recorded a screening decision. */
  screened?: boolean;
  /** Another submitted application of the call shares the phone, the name with the birth date, or the e-mail. */
  possible_duplicate?: boolean;
}

export interface ApplicationFilter {
  state?: string;
  eligibility?: string;
  q?: string;
  /** 'true': only possible duplicates. */
  duplicates?: string;
  limit?: number;
  cursor?: string;
}

const enc = encodeURIComponent;

// Programmes
export const listProgrammes = (organisation: string) =>
  request<{ items: Programme[] }>(`/api/v1/organisations/${enc(organisation)}/programmes`);
export const createProgramme = (organisation: string, body: { name: string; code: string; description: string }) =>
  request<Programme>(`/api/v1/organisations/${enc(organisation)}/programmes`, { method: 'POST', body });
export const getProgramme = (id: string) => request<Programme>(`/api/v1/programmes/${enc(id)}`);

// Intakes
export const listIntakes = (programme: string) =>
  request<{ items: Intake[] }>(`/api/v1/programmes/${enc(programme)}/intakes`);
export const createIntake = (programme: string, body: NewIntake) =>
  request<Intake>(`/api/v1/programmes/${enc(programme)}/intakes`, { method: 'POST', body });
export const getIntake = (id: string) => request<Intake>(`/api/v1/intakes/${enc(id)}`);
export const updateIntake = (id: string, body: IntakeChange) =>
  request<Intake>(`/api/v1/intakes/${enc(id)}`, { method: 'PATCH', body });

// The call of an intake
export const getCall = (intake: string) => request<Call>(`/api/v1/intakes/${enc(intake)}/call`);
export const saveCall = (intake: string, body: CallSettings) =>
  request<Call>(`/api/v1/intakes/${enc(intake)}/call`, { method: 'PUT', body });

// Staff list of applications
export function listApplications(intake: string, filter: ApplicationFilter = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const qs = query.toString();
  return request<{ items: StaffRow[]; next_cursor: string | null; total: number }>(
    `/api/v1/intakes/${enc(intake)}/applications${qs ? `?${qs}` : ''}`,
  );
}

/** Where every matching row (with every answer) downloads as CSV or XLSX: a plain link, the session cookie authenticates it. */
export function exportUrl(intake: string, filter: ApplicationFilter, format: 'csv' | 'xlsx'): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (name === 'limit' || name === 'cursor') continue;
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  query.set('format', format);
  return `/api/v1/intakes/${enc(intake)}/applications?${query.toString()}`;
}

export interface Evaluation {
  evaluated: number;
  changed: number;
  eligible: number;
  ineligible: number;
  review: number;
}

/** Evaluates the call's current rules again for every submitted application (screening decisions stay). */
export const evaluateEligibility = (intake: string) =>
  request<Evaluation>(`/api/v1/intakes/${enc(intake)}/eligibility/evaluate`, { method: 'POST' });

/** The eligibility outcome of a row, whichever shape the server sends. */
export function outcomeOf(row: StaffRow): string {
  const e = row.eligibility;
  if (typeof e === 'string') return e;
  return e?.outcome ?? '';
}
