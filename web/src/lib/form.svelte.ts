// Form state shared by every form: field errors from a 422 problem document,
// shown next to their inputs, and one message for everything else.
import { ApiError } from './api/client';
import { errorKey } from './errors';
import { t } from './i18n/i18n.svelte';

export class FormState {
  errors = $state<Record<string, string>>({});
  message = $state('');
  busy = $state(false);

  /** Runs `action`, collecting errors; returns true when it succeeded. */
  async run(action: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.errors = {};
    this.message = '';
    try {
      await action();
      return true;
    } catch (error) {
      const fields = error instanceof ApiError ? error.problem?.errors ?? [] : [];
      if (fields.length > 0) {
        const errors: Record<string, string> = {};
        for (const f of fields) errors[f.field] ??= f.message;
        this.errors = errors;
      } else {
        // The server's title is already in the user's language.
        this.message = error instanceof ApiError && error.problem?.title ? error.problem.title : t(errorKey(error));
      }
      return false;
    } finally {
      this.busy = false;
    }
  }
}
