// RFC 9457 problem documents as the server sends them (docs/API.md, "Errors").

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  /** Members beyond RFC 9457's and `errors` (e.g. `application_id`, `current`), as sent. */
  extensions?: Record<string, unknown>;
}

const KNOWN_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is FieldError {
  return (
    isRecord(value) &&
    typeof value.field === 'string' &&
    typeof value.code === 'string' &&
    typeof value.message === 'string'
  );
}

/**
 * Reads a problem body defensively: a proxy or an older server may send a partial
 * document, so missing fields fall back to what the HTTP response itself says.
 */
export function toProblem(body: unknown, status: number, statusText: string): Problem {
  const source = isRecord(body) ? body : {};
  const problem: Problem = {
    type: typeof source.type === 'string' ? source.type : 'about:blank',
    title: typeof source.title === 'string' ? source.title : statusText,
    status: typeof source.status === 'number' ? source.status : status,
  };
  if (typeof source.detail === 'string') problem.detail = source.detail;
  if (typeof source.instance === 'string') problem.instance = source.instance;
  if (Array.isArray(source.errors)) problem.errors = source.errors.filter(isFieldError);
  const extra = Object.entries(source).filter(([key]) => !KNOWN_MEMBERS.has(key));
  if (extra.length > 0) problem.extensions = Object.fromEntries(extra);
  return problem;
}
