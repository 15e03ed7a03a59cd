// Translation state for the whole app. Components call t(); because t() reads the
// reactive `locale`, every text re-renders when the language changes.
import i18next, { type TOptions } from 'i18next';
// The default language ships in the main bundle; the others load on demand, so
// a phone on a slow line downloads one catalogue, not all three.
import az from '../../locales/az.json';
import { setRequestLocale } from '../api/client';
import { DEFAULT_LOCALE, readStoredLocale, storeLocale, type Locale } from './locales';

const LOADERS: Partial<Record<Locale, () => Promise<{ default: object }>>> = {
  en: () => import('../../locales/en.json'),
  ru: () => import('../../locales/ru.json'),
};

const i18n = i18next.createInstance();

const current = $state<{ locale: Locale }>({ locale: DEFAULT_LOCALE });

/** Sets up i18next with the remembered locale; resolves once its texts are there. */
export async function initI18n(): Promise<void> {
  await i18n.init({
    resources: { [DEFAULT_LOCALE]: { translation: az } },
    lng: DEFAULT_LOCALE,
    // Catalogues are complete (an e2e test compares their keys); this only
    // guards against a text that went missing in a later edit.
    fallbackLng: DEFAULT_LOCALE,
    initAsync: false,
    // Svelte escapes every interpolated text itself; escaping twice would show &amp;.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  apply(DEFAULT_LOCALE);
  const stored = readStoredLocale();
  if (stored !== DEFAULT_LOCALE) await setLocale(stored);
}

export function getLocale(): Locale {
  return current.locale;
}

export async function setLocale(locale: Locale): Promise<void> {
  const load = LOADERS[locale];
  if (load && !i18n.hasResourceBundle(locale, 'translation')) {
    try {
      const catalogue = await load();
      i18n.addResourceBundle(locale, 'translation', catalogue.default);
    } catch {
      // Offline or a stale deployment: keep the language that is showing.
      return;
    }
  }
  storeLocale(locale);
  await i18n.changeLanguage(locale);
  apply(locale);
}

export function t(key: string, options?: TOptions): string {
  // Reading current.locale makes the caller depend on it.
  return i18n.t(key, { ...options, lng: current.locale }) as string;
}

function apply(locale: Locale): void {
  current.locale = locale;
  document.documentElement.lang = locale;
  setRequestLocale(locale);
}
