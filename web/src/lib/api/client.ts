// The one place that talks HTTP to the Cohort server. Every call sends the UI
// language, keeps cookies same-origin, and turns failures into an ApiError.
import { toProblem, type Problem } from './problem';

export type { FieldError, Problem } from './problem';

/**
 * Why a request failed:
 * - `problem`: the server answered with an error status (problem document or not);
 * - `network`: no answer at all (server down, connection refused, offline);
 * - `invalid_response`: a success status with a body we cannot use.
 */
export type ApiErrorKind = 'problem' | 'network' | 'invalid_response';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly problem: Problem | undefined;
  /** Seconds from a `Retry-After` header (429, 503), when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(kind: ApiErrorKind, message: string, status = 0, problem?: Problem, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The code of the first field error for `field`, if any. */
  fieldCode(field: string): string | undefined {
    return this.problem?.errors?.find((e) => e.field === field)?.code;
  }
}

let requestLocale = 'az';
let csrfToken = '';
// State-changing requests wait until the page knows whether someone is signed
// in: with a session cookie the server refuses them without the CSRF token,
// even on public routes (a verification link opened while signed in).
let sessionKnown: Promise<unknown> = Promise.resolve();
let onSessionLost: (() => void) | undefined;

/** Called by the session store: state-changing requests carry this token. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called by the session store while it asks the server who is signed in. */
export function holdChangesUntil(loaded: Promise<unknown>): void {
  sessionKnown = loaded.catch(() => undefined);
}

/** Called when a request that carried the session is answered 401 (the session ended). */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

const SESSION_PATH = '/api/v1/session';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Called by the i18n layer whenever the user switches language. */
export function setRequestLocale(locale: string): void {
  requestLocale = locale;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON when present. */
  body?: unknown;
  /** Sent as multipart/form-data when present (instead of `body`). */
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': requestLocale,
    ...options.headers,
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
  };
  if (options.signal) init.signal = options.signal;
  const method = init.method ?? 'GET';
  if (!SAFE_METHODS.has(method)) {
    await sessionKnown;
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  // Whether this request went out as part of a session (for the 401 check below).
  const hadSession = csrfToken !== '' && !options.headers?.Authorization;
  if (options.form !== undefined) {
    // The browser writes the Content-Type itself, with the multipart boundary.
    init.body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('network', `Network error for ${path}`);
  }

  const body = await readBody(response);
  if (!response.ok) {
    const problem = toProblem(body, response.status, response.statusText);
    // 401 on anything but signing in means the session expired or was ended elsewhere.
    if (response.status === 401 && hadSession && path !== SESSION_PATH) onSessionLost?.();
    const retry = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(
      'problem',
      problem.title || `HTTP ${response.status}`,
      response.status,
      problem,
      Number.isFinite(retry) && retry >= 0 ? retry : undefined,
    );
  }
  if (response.status === 204) return undefined as T;
  if (body === undefined) {
    throw new ApiError('invalid_response', `Expected JSON from ${path}`, response.status);
  }
  return body as T;
}

export function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, signal ? { signal } : {});
}

/** POSTs `form` as multipart/form-data (file uploads), with the CSRF token like every change. */
export function postForm<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  return request<T>(path, signal ? { method: 'POST', form, signal } : { method: 'POST', form });
}

/** The parsed JSON body, or undefined when there is none or it is not JSON. */
async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!/^application\/(problem\+)?json\b/i.test(type)) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}
