// Maps a failed request to the catalogue key of a generic, translated title
// (the "errors" section of src/locales/*.json).
import { ApiError } from './api/client';

export function errorKey(error: unknown): string {
  if (!(error instanceof ApiError)) return 'errors.unexpected';
  if (error.kind === 'network') return 'errors.network';
  if (error.kind === 'invalid_response') return 'errors.unexpected';
  switch (error.status) {
    case 400:
    case 422:
      return 'errors.invalid_argument';
    case 401:
      return 'errors.unauthenticated';
    case 403:
      return 'errors.permission_denied';
    case 404:
      return 'errors.not_found';
    case 409:
      return 'errors.conflict';
    case 412:
      return 'errors.failed_precondition';
    case 502:
    case 503:
    case 504:
      return 'errors.unavailable';
    default:
      return error.status >= 500 ? 'errors.internal' : 'errors.unexpected';
  }
}
