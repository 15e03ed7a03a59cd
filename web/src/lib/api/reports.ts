// Reports (docs/api/reports.md): counts only, never a person. An intake's
// selection funnel and its breakdowns, a programme's funnels year over year
// (for the organisation's members), and the statistics a programme publishes
// to everyone, where every count under `smallest_cell` is null. Every staff
// report also downloads as CSV or XLSX (?format=): plain links, which the
// session cookie authenticates.
import { request } from './client';
import type { Translated } from './calls';

/** The funnel's steps in order; `interviewed` only when the call has an interview stage. */
export const FUNNEL_STEPS = ['started', 'submitted', 'eligible', 'short_listed', 'interviewed', 'offered', 'accepted', 'completed'] as const;
export type FunnelStepName = (typeof FUNNEL_STEPS)[number];

export interface FunnelStep {
  step: FunnelStepName;
  count: number;
  /** The count over the step before's; null for the first step and when the step before counted nobody. */
  conversion: number | null;
}

export interface Funnel {
  intake_id: string;
  intake_name: string;
  /** YYYY-MM-DD */
  starts_on: string;
  steps: FunnelStep[];
}

export type DimensionKind = 'choice' | 'university' | 'field_of_study' | 'age';

export interface Dimension {
  key: string;
  kind: DimensionKind;
  /** The question's label. */
  label: Translated;
}

/** The columns of a staff breakdown, in order. */
export const BREAKDOWN_COLUMNS = ['submitted', 'eligible', 'offered', 'accepted', 'completed'] as const;
export type BreakdownColumn = (typeof BREAKDOWN_COLUMNS)[number];

export interface BreakdownRow extends Record<BreakdownColumn, number> {
  /** A choice's value, a university's most common spelling, an age band; "" for those who did not answer. */
  value: string;
  /** A choice's label per language; empty otherwise. */
  label: Translated;
}

export interface Breakdown {
  dimension: Dimension;
  /** Most submitted first. */
  rows: BreakdownRow[];
}

/** The age bands of an `age` dimension. */
export const AGE_BANDS = ['under-18', '18-21', '22-25', '26-29', '30-35', '36-plus'] as const;

/** Counts under `smallest_cell` are null (withheld). */
export interface PublicYear {
  intake_name: string;
  starts_on: string;
  started: number | null;
  submitted: number | null;
  accepted: number | null;
  completed: number | null;
}

export const PUBLIC_YEAR_COLUMNS = ['started', 'submitted', 'accepted', 'completed'] as const;

export interface PublicRow {
  value: string;
  label: Translated;
  submitted: number | null;
  accepted: number | null;
}

export interface PublicStatistics {
  programme_id: string;
  programme_name: string;
  organisation_name: string;
  /** The smallest count published; smaller ones are null. */
  smallest_cell: number;
  /** Oldest first. */
  years: PublicYear[];
  /** Completed, all intakes. */
  alumni: number | null;
  /** The latest intake with submissions ("" when none), whose breakdowns follow. */
  breakdown_intake: string;
  breakdowns: { dimension: Dimension; rows: PublicRow[] }[];
}

export type DownloadFormat = 'csv' | 'xlsx';
export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ['csv', 'xlsx'];

const enc = encodeURIComponent;
const intake = (id: string) => `/api/v1/intakes/${enc(id)}/reports`;
const programme = (id: string) => `/api/v1/programmes/${enc(id)}`;

export const intakeFunnel = (intakeId: string) => request<Funnel>(`${intake(intakeId)}/funnel`);
/** One funnel per intake, oldest first. */
export const programmeFunnels = (programmeId: string) => request<{ items: Funnel[] }>(`${programme(programmeId)}/reports/funnel`);
/** The ways the intake can be split, from its call's form. */
export const dimensions = (intakeId: string) => request<{ items: Dimension[] }>(`${intake(intakeId)}/breakdowns`);
/** 422 at `dimension` (`unknown_dimension`). */
export const breakdown = (intakeId: string, key: string) => request<Breakdown>(`${intake(intakeId)}/breakdowns/${enc(key)}`);
/** Anyone; 404 unless the programme has published a call. */
export const statistics = (programmeId: string) => request<PublicStatistics>(`${programme(programmeId)}/statistics`);

/** Links (downloads) rather than requests: the browser saves the files. */
export const intakeFunnelUrl = (intakeId: string, format: DownloadFormat) => `${intake(intakeId)}/funnel?format=${format}`;
export const programmeFunnelsUrl = (programmeId: string, format: DownloadFormat) => `${programme(programmeId)}/reports/funnel?format=${format}`;
export const breakdownUrl = (intakeId: string, key: string, format: DownloadFormat) =>
  `${intake(intakeId)}/breakdowns/${enc(key)}?format=${format}`;

/** The public page of a programme's statistics. */
export const statisticsPage = (programmeId: string) => `/statistics?programme=${enc(programmeId)}`;
