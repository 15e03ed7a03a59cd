// The UI languages and how the choice is remembered. Plain TypeScript, no Svelte,
// so the API client and tests can use it too.

export const LOCALES = ['az', 'en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** Azerbaijani is the default: most users of the first deployments read it first. */
export const DEFAULT_LOCALE: Locale = 'az';

export const STORAGE_KEY = 'cohort.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The remembered locale, or the default when none (or storage is blocked). */
export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private modes may refuse storage; the choice then lasts for this page only.
  }
}
