// Form state shared by every form: field errors from a 422 problem document,
// shown next to their inputs, and one message for everything else. Nothing the
// user typed is touched: the values live in the page, not here.
import { tick } from 'svelte';
import { ApiError } from './api/client';
import { errorKey } from './errors';
import { t } from './i18n/i18n.svelte';

export interface FormOptions {
  /**
   * Input id for a field name of the API, when they differ (several forms on
   * one page cannot all have an input with the id "password").
   */
  ids?: Record<string, string>;
  /** Field errors this form shows in its message area instead (e.g. `token` of a link). */
  messageFields?: string[];
}

export class FormState {
  /** Translated message per API field name (the server translates them). */
  errors = $state<Record<string, string>>({});
  /** Error code per API field name (`required`, `expired_token`, …). */
  codes = $state<Record<string, string>>({});
  message = $state('');
  busy = $state(false);
  /** The last failure, for pages that react to a status (401, 429). */
  failure = $state<ApiError | undefined>(undefined);

  readonly #options: FormOptions;

  constructor(options: FormOptions = {}) {
    this.#options = options;
  }

  /** Runs `action`, collecting errors; returns true when it succeeded. */
  async run(action: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.reset();
    try {
      await action();
      return true;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return false;
      this.failure = error instanceof ApiError ? error : undefined;
      const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      if (fields.length > 0) {
        const errors: Record<string, string> = {};
        const codes: Record<string, string> = {};
        for (const f of fields) {
          errors[f.field] ??= f.message;
          codes[f.field] ??= f.code;
        }
        this.errors = errors;
        this.codes = codes;
        const shown = (this.#options.messageFields ?? []).filter((f) => errors[f]).map((f) => errors[f]);
        if (shown.length > 0) this.message = shown.join(' ');
        void this.#placeErrors(fields.map((f) => f.field));
      } else {
        this.message = messageFor(error);
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.errors = {};
    this.codes = {};
    this.message = '';
    this.failure = undefined;
  }

  /**
   * Puts the keyboard on the first input in error, so its message is read out
   * with it; errors for fields this form has no input for go to the message.
   */
  async #placeErrors(fields: string[]): Promise<void> {
    await tick();
    const messageFields = this.#options.messageFields ?? [];
    const inputs: HTMLElement[] = [];
    const unplaced: string[] = [];
    for (const field of fields) {
      const el = document.getElementById(this.#options.ids?.[field] ?? field);
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
        inputs.push(el);
      } else if (!messageFields.includes(field) && this.errors[field]) {
        unplaced.push(this.errors[field]);
      }
    }
    if (unplaced.length > 0) this.message = [this.message, ...unplaced].filter(Boolean).join(' ');
    // Document order, not the order the server listed the fields in.
    inputs.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    inputs[0]?.focus();
  }
}

/** The most specific translated text for a failure: the server's detail, its title, or ours. */
export function messageFor(error: unknown): string {
  if (error instanceof ApiError && error.kind === 'problem') {
    const problem = error.problem;
    if (problem?.detail) return problem.detail;
    if (problem?.title) return problem.title;
  }
  return t(errorKey(error));
}
