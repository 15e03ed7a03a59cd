// Public calls (docs/api/calls-and-applications.md, "Public"): the list of
// open, upcoming and closed calls and the page of one published call. Both
// answer without a session; texts come in the request's language.
import { request } from './client';

/** A text in the three languages; readers fall back az → en → ru. */
export type Translated = Partial<Record<'az' | 'en' | 'ru', string>>;

export type CallState = 'draft' | 'scheduled' | 'open' | 'closed';
export type ListState = 'open' | 'upcoming' | 'closed';
export const LIST_STATES: readonly ListState[] = ['open', 'upcoming', 'closed'];

export type FieldType =
  | 'short_text'
  | 'long_text'
  | 'single_choice'
  | 'multiple_choice'
  | 'date'
  | 'number'
  | 'email'
  | 'phone'
  | 'file'
  | 'education'
  | 'languages'
  | 'consent';

export interface FieldOption {
  value: string;
  label: Translated;
}

export interface FormField {
  key: string;
  type: FieldType;
  label: Translated;
  help?: Translated;
  required?: boolean;
  retired?: boolean;
  max_chars?: number | null;
  max_words?: number | null;
  min?: number | null;
  max?: number | null;
  integer?: boolean;
  options?: FieldOption[];
  max_choices?: number | null;
  accept?: string[];
  max_bytes?: number | null;
  visible_if?: { field: string; equals: unknown } | null;
  stage?: number;
}

export interface CallSummary {
  id: string;
  title: string;
  opens_at: string | null;
  closes_at: string | null;
  time_zone: string;
  state: CallState;
  programme: { id: string; name: string };
  organisation: { id: string; name: string; slug: string };
  intake: { id: string; name: string };
}

export interface PublicCall extends CallSummary {
  titles: Translated;
  description: string;
  /** Rendered by the server (cmark, safe mode): the one HTML the UI inserts. */
  description_html: string;
  form: { fields: FormField[] };
  eligibility: { id: string; text: string }[];
}

export interface CallList {
  items: CallSummary[];
  next_cursor: string | null;
}

export function listCalls(state: ListState = 'open', cursor?: string | null, signal?: AbortSignal): Promise<CallList> {
  const query = new URLSearchParams({ state });
  if (cursor) query.set('cursor', cursor);
  return request<CallList>(`/api/v1/calls?${query.toString()}`, signal ? { signal } : {});
}

export const getCall = (id: string) => request<PublicCall>(`/api/v1/calls/${encodeURIComponent(id)}`);
