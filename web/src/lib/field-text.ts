// The text of a field error for a form's field: the catalogue's text for its
// code (`field_errors.<code>`) in the language shown, else the server's message.
import type { FormState } from './form.svelte';
import { t } from './i18n/i18n.svelte';

export function fieldText(form: FormState, field: string): string | undefined {
  const code = form.codes[field];
  if (!code) return form.errors[field];
  return t(`field_errors.${code}`, { defaultValue: form.errors[field] ?? code });
}

/** The first error among fields starting with `prefix` (`units[0].languages` for `units[0].languages[1]`). */
export function firstFieldText(form: FormState, prefix: string): string | undefined {
  const field = Object.keys(form.codes).find((f) => f === prefix || f.startsWith(`${prefix}[`) || f.startsWith(`${prefix}.`));
  return field ? fieldText(form, field) : undefined;
}
