// The applicant's side of applications (docs/api/calls-and-applications.md,
// "Applying"): start a draft, read it, autosave answers, submit, withdraw,
// and the list of one's own applications; documents (uploads) and, for
// staff, the screening decision ("Documents", "Screening"); the short-list
// form of a short-listed application ("The short-list form").
import type { FormField } from './calls';
import { ApiError, postForm, request } from './client';

export type ApplicationState = 'draft' | 'submitted' | 'withdrawn';
export type Outcome = 'pending' | 'eligible' | 'ineligible' | 'review';
export type Answers = Record<string, unknown>;

export interface CallRef {
  id: string;
  title: string;
  closes_at: string | null;
  time_zone: string;
  state: string;
}

/** `closed`: opened but past its due date without being submitted. */
export type SecondStageState = 'none' | 'open' | 'submitted' | 'closed';

/** The short-list form (stage-2 questions) of an application. */
export interface SecondStage {
  state: SecondStageState;
  /** When it must be answered by (UTC); null before it opens. */
  due_at: string | null;
  submitted_at: string | null;
  /** The stage-2 questions, once it has opened (empty before). */
  fields: FormField[];
}

export interface TimelineEntry {
  at: string;
  event: string;
  note?: string | null;
}

export interface Application {
  id: string;
  call_id: string;
  applicant: string;
  state: ApplicationState;
  answers: Answers;
  version: number;
  reference: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  withdrawn_at: string | null;
  eligibility: {
    outcome: Outcome;
    /** Staff only: what the rules alone say (`outcome` is the screening decision when there is one). */
    rules_outcome?: Outcome;
    rules: { id: string; passed: boolean; reason: string }[];
  } | null;
  timeline: TimelineEntry[];
  /** What the applicant may do now: `edit`, `submit`, `withdraw`, `edit_second_stage`, `submit_second_stage` … */
  actions?: string[];
  second_stage?: SecondStage;
  call: CallRef;
  /** Present (maybe null) only when staff read the application. */
  screening?: Screening | null;
}

export type Decision = 'eligible' | 'ineligible';

export interface Screening {
  decision: Decision;
  reason: string;
  /** The account id of who decided, and their name. */
  by: string;
  by_name: string;
  at: string;
}

export interface Document {
  id: string;
  application_id: string;
  field: string;
  file_name: string;
  kind: 'pdf' | 'docx' | 'jpeg' | 'png';
  size_bytes: number;
  created_at: string;
}

export interface ApplicationSummary {
  id: string;
  call_id: string;
  state: ApplicationState;
  reference: string | null;
  updated_at: string;
  submitted_at: string | null;
  call: CallRef;
}

const app = (id: string) => `/api/v1/applications/${encodeURIComponent(id)}`;

export const startApplication = (callId: string) =>
  request<Application>(`/api/v1/calls/${encodeURIComponent(callId)}/applications`, { method: 'POST' });
export const getApplication = (id: string) => request<Application>(app(id));
/** Merges `answers` (null clears one) when `version` is the stored one. */
export const saveAnswers = (id: string, answers: Answers, version: number) =>
  request<Application>(app(id), { method: 'PATCH', body: { answers, version } });
export const submitApplication = (id: string) => request<Application>(`${app(id)}/submit`, { method: 'POST' });
/** Submits the open short-list form (422 lists every missing or invalid stage-2 answer at `answers.<key>`). */
export const submitSecondStage = (id: string) =>
  request<Application>(`${app(id)}/second-stage/submit`, { method: 'POST' });
export const withdrawApplication = (id: string) => request<Application>(`${app(id)}/withdraw`, { method: 'POST' });
/** Uploads `file` as the answer to the file question `field`; the answer becomes the document's id. */
export function uploadDocument(id: string, field: string, file: File): Promise<{ document: Document; application: Application }> {
  const form = new FormData();
  form.append('field', field);
  form.append('file', file, file.name);
  return postForm(`${app(id)}/documents`, form);
}
/** Where a document downloads (an attachment; the session cookie authenticates the GET). */
export const documentUrl = (documentId: string) => `/api/v1/documents/${encodeURIComponent(documentId)}`;
/** Staff: records the screening decision on a submitted application. */
export const screenApplication = (id: string, decision: string, reason: string) =>
  request<Application>(`${app(id)}/screening`, { method: 'POST', body: { decision, reason } });
export const myApplications = () => request<{ items: ApplicationSummary[] }>('/api/v1/me/applications');

function member(error: unknown, name: string): unknown {
  return error instanceof ApiError ? error.problem?.extensions?.[name] : undefined;
}

/** The id of the person's existing application, when starting one was refused as `already_applied`. */
export function existingApplicationId(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const id = member(error, 'application_id');
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** What another tab or device saved, when autosave was refused as `stale_version`. */
export function currentOnServer(error: unknown): { answers: Answers; version: number } | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const current = member(error, 'current');
  if (typeof current !== 'object' || current === null) return undefined;
  const { answers, version } = current as { answers?: unknown; version?: unknown };
  if (typeof version !== 'number') return undefined;
  const valid = typeof answers === 'object' && answers !== null && !Array.isArray(answers);
  return { answers: valid ? (answers as Answers) : {}, version };
}
