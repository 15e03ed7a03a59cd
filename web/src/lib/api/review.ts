// Selection stages, their reviewers, assignment, reviewing and ranking
// (docs/api/review.md): one function per route, with the shapes it sends
// and answers. Changes carry the CSRF token through client.ts like every
// other module.
import { ApiError, request } from './client';
import type { Document } from './applications';
import type { FormField } from './calls';
import type { Translated } from './programmes';

export const STAGE_KINDS = ['screening', 'review', 'interview', 'decision'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
/** Kinds whose stage has a rubric, reviewers, assignments and a ranking. */
export const SCORED_KINDS: readonly StageKind[] = ['review', 'interview'];

export const AGGREGATIONS = ['mean', 'median'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const OTHERS_SCORES = ['after_submit', 'never'] as const;
export type OthersScores = (typeof OTHERS_SCORES)[number];

export interface Criterion {
  key: string;
  label: Translated;
  guidance?: Translated;
  weight: number;
  min: number;
  max: number;
}

/** Every member optional: the server fills in the defaults of docs/api/review.md. */
export interface StageSettings {
  name?: Translated;
  rubric?: Criterion[];
  /** k, 1–20. */
  reviewers_per_application?: number;
  aggregation?: Aggregation;
  /** z-score per reviewer. */
  calibrate?: boolean;
  /** Points on 0–100. */
  disagreement_threshold?: number;
  /** Hide name, e-mail, phone and photo-like fields. */
  blind?: boolean;
  hidden_fields?: string[];
  others_scores?: OthersScores;
  conflict_fields?: string[];
  /** How equal scores are ordered, in turn: "raw", "submitted_at", "criterion:<key>" (at most three). */
  tie_breaks?: string[];
  // Interview stages:
  /** Bookings are made or moved until this many hours before the slot, 0–720 (default 24). */
  booking_cutoff_hours?: number;
  // Decision stages:
  /** Days an applicant has to answer an offer, 1–60. */
  offer_days?: number;
  /** How many of those not selected are waitlisted (0–10000); the others are declined. */
  waitlist_size?: number;
  quotas?: Quota[];
}

/**
 * Seats kept for (or limited to) applicants whose answer to a form field has
 * this value. Shares are of the intake's capacity, 0–1.
 */
export interface Quota {
  field: string;
  value: string;
  min_share?: number;
  max_share?: number;
}

export interface ReviewCounts {
  assigned: number;
  submitted: number;
  conflicts: number;
}

export interface Stage {
  id: string;
  call_id: string;
  intake_id: string;
  organisation_id: string;
  /** 1-based. */
  position: number;
  kind: StageKind;
  settings: StageSettings;
  version: number;
  /** Applications in the stage. */
  entries: number;
  reviews: ReviewCounts;
  updated_at: string;
}

export interface NewStage {
  kind: StageKind;
  settings?: StageSettings;
  /** 1-based; at the end when absent. */
  position?: number;
}

export interface StageReviewer {
  account_id: string;
  name: string;
  email: string;
  /** 0: no cap of its own (the even share is used). */
  load_cap: number;
  affiliations: string[];
  assigned: number;
  submitted: number;
  conflicts: number;
  last_activity_at: string | null;
}

export interface NewReviewer {
  account_id: string;
  load_cap?: number;
  affiliations?: string[];
}

export interface AdmitResult {
  admitted: number;
  already: number;
  awaiting_screening: number;
}

export type ShortlistBody = { top: number } | { min_score: number } | { application_ids: string[] };

export interface ShortlistResult {
  moved: number;
  already: number;
  cutoff_score: number | null;
}

/** Why an application did not get enough reviewers. */
export interface Shortfall {
  application_id: string;
  reference: string | null;
  missing: number;
  /** How many reviewers were left out for each reason (a list of names is shown as it comes). */
  declared_conflicts: number | string[];
  affiliation_conflicts: number | string[];
  at_cap: number | string[];
}

export interface AssignmentResult {
  added: number;
  applications: number;
  reviewers: number;
  shortfalls: Shortfall[];
  load: { min: number; max: number };
}

export type ReviewState = 'assigned' | 'draft' | 'submitted' | 'removed' | 'conflict';
export const REVIEW_STATES: readonly ReviewState[] = ['assigned', 'draft', 'submitted', 'conflict', 'removed'];
export type ReviewOrigin = 'automatic' | 'manual' | 'replacement';

/** Why a review went to its reviewer. */
export interface Explanation {
  rule: 'least_loaded' | 'manual' | 'replacement' | (string & {});
  load_before?: number;
  replaces?: string;
}

export interface ReviewRow {
  id: string;
  stage_id: string;
  application_id: string;
  reference: string | null;
  reviewer_id: string;
  reviewer_name: string;
  state: ReviewState;
  origin: ReviewOrigin;
  explanation: Explanation | null;
  /** The weighted total on 0–100, once submitted. */
  total: number | null;
  updated_at: string;
  submitted_at: string | null;
  call_title: string;
  stage_name: string;
}

export type Scores = Record<string, number>;

export interface OtherReview {
  reviewer_name: string;
  scores: Scores;
  total: number | null;
  shared_comment: string;
  /** Staff only. */
  private_comment?: string;
}

/** The application as the stage shows it: blind review leaves out name and e-mail. */
export interface ReviewedApplication {
  reference: string | null;
  name?: string;
  email?: string;
  fields: FormField[];
  answers: Record<string, unknown>;
  /** The uploaded files among the answers shown. */
  documents: Document[];
}

export interface ReviewView extends ReviewRow {
  rubric: Criterion[];
  scores: Scores;
  private_comment: string;
  shared_comment: string;
  version: number;
  conflict_reason: string | null;
  application: ReviewedApplication;
  /** Present only when the reader may see the other reviewers' submitted reviews. */
  others?: OtherReview[];
}

export interface ReviewChange {
  scores: Scores;
  private_comment: string;
  shared_comment: string;
  version: number;
}

export interface ConflictResult {
  review: ReviewRow;
  replacement: ReviewRow | null;
}

export interface AssignmentFilter {
  reviewer?: string;
  application?: string;
  state?: string;
}

export interface RankingReviewer {
  reviewer_id: string;
  name: string;
  reviews: number;
  mean: number | null;
  stddev: number | null;
  /** Whether (or by how much) the reviewer's scores were calibrated: shown as it comes. */
  calibrated: boolean | number | null;
}

export interface RankingTotal {
  reviewer_name: string;
  total: number | null;
  calibrated: number | null;
}

export interface RankingItem {
  application_id: string;
  reference: string | null;
  name: string;
  /** Null for applications without submitted reviews (listed last). */
  rank: number | null;
  score: number | null;
  raw: number | null;
  calibration_effect: number | null;
  reviews: number;
  spread: number | null;
  disagreement: boolean;
  totals: RankingTotal[];
  above_cutoff?: boolean;
  in_next_stage?: boolean;
  explanation: string;
}

export interface Ranking {
  stage_id: string;
  aggregation: Aggregation;
  calibrate: boolean;
  /** Inter-rater agreement; null when it cannot be computed yet. */
  alpha: number | null;
  reviewers: RankingReviewer[];
  cutoff?: { top: number | null; score: number | null } | null;
  items: RankingItem[];
}

export type Cut = { top: number } | { min_score: number };

const enc = encodeURIComponent;
const stage = (id: string) => `/api/v1/stages/${enc(id)}`;
const intake = (id: string) => `/api/v1/intakes/${enc(id)}`;
const review = (id: string) => `/api/v1/reviews/${enc(id)}`;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') q.set(name, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Stages
export const listStages = (intakeId: string) => request<{ items: Stage[] }>(`${intake(intakeId)}/stages`);
export const addStage = (intakeId: string, body: NewStage) =>
  request<Stage>(`${intake(intakeId)}/stages`, { method: 'POST', body });
export const getStage = (id: string) => request<Stage>(stage(id));
export const saveStage = (id: string, settings: StageSettings, version: number) =>
  request<Stage>(stage(id), { method: 'PUT', body: { settings, version } });
export const deleteStage = (id: string) => request<void>(stage(id), { method: 'DELETE' });
/** Every stage of the call, once, in the new order. */
export const orderStages = (intakeId: string, stageIds: string[]) =>
  request<{ items: Stage[] }>(`${intake(intakeId)}/stages/order`, { method: 'PUT', body: { stage_ids: stageIds } });

// Reviewers of a stage
export const listReviewers = (stageId: string) => request<{ items: StageReviewer[] }>(`${stage(stageId)}/reviewers`);
export const addReviewer = (stageId: string, body: NewReviewer) =>
  request<StageReviewer>(`${stage(stageId)}/reviewers`, { method: 'POST', body });
/** Their unsubmitted reviews are removed. */
export const removeReviewer = (stageId: string, accountId: string) =>
  request<void>(`${stage(stageId)}/reviewers/${enc(accountId)}`, { method: 'DELETE' });

// Applications in a stage
export const admit = (stageId: string) => request<AdmitResult>(`${stage(stageId)}/admit`, { method: 'POST' });
export const shortlist = (stageId: string, body: ShortlistBody) =>
  request<ShortlistResult>(`${stage(stageId)}/shortlist`, { method: 'POST', body });

// Assignment
export const assignAutomatically = (intakeId: string, stageId: string) =>
  request<AssignmentResult>(`${intake(intakeId)}/review-assignments`, {
    method: 'POST',
    body: { stage_id: stageId, mode: 'automatic' },
  });
export const assignManually = (intakeId: string, body: { stage_id: string; application_id: string; reviewer_id: string }) =>
  request<ReviewRow>(`${intake(intakeId)}/review-assignments`, { method: 'POST', body });
export const listAssignments = (stageId: string, filter: AssignmentFilter = {}) =>
  request<{ items: ReviewRow[] }>(`${stage(stageId)}/review-assignments${query({ ...filter })}`);
/** The review becomes `removed`; a submitted one stops counting. */
export const removeAssignment = (reviewId: string) =>
  request<void>(`/api/v1/review-assignments/${enc(reviewId)}`, { method: 'DELETE' });
export const sendReminders = (stageId: string) =>
  request<{ reminded: number }>(`${stage(stageId)}/reminders`, { method: 'POST' });

// Reviewing
export const myReviews = (state?: ReviewState) =>
  request<{ items: ReviewRow[] }>(`/api/v1/me/reviews${query({ state })}`);
export const getReview = (id: string) => request<ReviewView>(review(id));
/** A document of the reviewed application, downloaded through the review (a reviewer may not read it otherwise). */
export const reviewDocumentUrl = (reviewId: string, documentId: string) =>
  `${review(reviewId)}/documents/${encodeURIComponent(documentId)}`;
/** A draft: scores may be partial. */
export const saveReview = (id: string, body: ReviewChange) => request<ReviewView>(review(id), { method: 'PUT', body });
export const submitReview = (id: string) => request<ReviewView>(`${review(id)}/submit`, { method: 'POST' });
export const declareConflict = (id: string, reason: string) =>
  request<ConflictResult>(`${review(id)}/conflict`, { method: 'POST', body: { reason } });
/** Staff: a submitted review back to draft. */
export const reopenReview = (id: string) => request<ReviewView>(`${review(id)}/reopen`, { method: 'POST' });

// Scores and ranking
export function getRanking(intakeId: string, stageId: string, cut?: Cut): Promise<Ranking> {
  const params: Record<string, string | number | undefined> = { stage: stageId };
  if (cut && 'top' in cut) params.top = cut.top;
  if (cut && 'min_score' in cut) params.min_score = cut.min_score;
  return request<Ranking>(`${intake(intakeId)}/ranking${query(params)}`);
}

/** The problem's `code` member (`stale_version`, `stage_in_use` …), when the server sent one. */
export function problemCode(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const code = error.problem?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

function current(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const value = error.problem?.extensions?.current;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The stored stage, when saving its settings was refused as `stale_version`. */
export function currentStage(error: unknown): Stage | undefined {
  const value = current(error);
  return value && typeof value.version === 'number' && typeof value.settings === 'object' ? (value as unknown as Stage) : undefined;
}

/** The stored version of a review when saving was refused as `stale_version` (if the server sent it). */
export function currentReviewVersion(error: unknown): number | undefined {
  const value = current(error);
  return typeof value?.version === 'number' ? value.version : undefined;
}
