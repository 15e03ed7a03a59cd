// The catalogues are shared with the C++ side (e-mails, PDFs), so their shape is
// checked here: same keys in every language, the plural forms each language
// needs, and the same {{placeholders}} in every translation of a text.
import { readFileSync } from 'node:fs';
import { expect, LOCALES, test, type Locale } from './fixtures';

type Catalogue = { [key: string]: string | Catalogue };

const PLURAL_FORMS: Record<Locale, string[]> = {
  az: ['one', 'other'],
  en: ['one', 'other'],
  ru: ['one', 'few', 'many', 'other'],
};
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(node: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function load(locale: Locale): Map<string, string> {
  const file = new URL(`../src/locales/${locale}.json`, import.meta.url);
  return flatten(JSON.parse(readFileSync(file, 'utf8')) as Catalogue);
}

function placeholders(value: string): string[] {
  return [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

test('every catalogue has the same texts, plural forms and placeholders', () => {
  const flat = Object.fromEntries(LOCALES.map((l) => [l, load(l)])) as Record<Locale, Map<string, string>>;
  const bases = (locale: Locale) => new Set([...flat[locale].keys()].map((k) => k.replace(PLURAL_SUFFIX, '')));
  const reference = [...bases('en')].sort();

  for (const locale of LOCALES) {
    expect([...bases(locale)].sort(), `texts in ${locale}.json`).toEqual(reference);
    for (const key of flat[locale].keys()) {
      const match = PLURAL_SUFFIX.exec(key);
      if (!match) continue;
      const base = key.slice(0, match.index);
      const forms = [...flat[locale].keys()].filter((k) => k.replace(PLURAL_SUFFIX, '') === base).map((k) => k.slice(base.length + 1));
      expect(forms.sort(), `plural forms of ${locale}:${base}`).toEqual([...PLURAL_FORMS[locale]].sort());
    }
  }

  for (const [key, value] of flat.en) {
    const base = key.replace(PLURAL_SUFFIX, '');
    for (const locale of LOCALES) {
      for (const [otherKey, otherValue] of flat[locale]) {
        if (otherKey.replace(PLURAL_SUFFIX, '') !== base) continue;
        expect(placeholders(otherValue), `placeholders of ${locale}:${otherKey}`).toEqual(placeholders(value));
      }
    }
  }
});

test('Azerbaijani texts use the Latin alphabet and Russian texts Cyrillic', () => {
  const az = [...load('az').values()].join(' ');
  const ru = [...load('ru').values()].join(' ');
  expect(az).toMatch(/[əğışçöü]/);
  // "Русский" is the one Cyrillic word in az.json: the language list names each language in itself.
  expect(az.replace('Русский', '')).not.toMatch(/[\u0400-\u04FF]/);
  expect(ru).toMatch(/[а-яё]/);
});
