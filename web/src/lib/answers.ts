// Answers to a call's form as the application page holds them. Inputs keep
// what the person typed (a year is text while it is being typed); what goes
// to the server is derived from that, so autosave can send exactly the
// answers that differ from the stored ones. Plain TypeScript, no Svelte.
import type { Answers } from './api/applications';
import type { FormField, Translated } from './api/calls';

export interface EducationRow {
  university: string;
  field_of_study: string;
  degree: string;
  graduation_year: string;
}

export interface LanguageRow {
  language: string;
  level: string;
}

export type UiValue = string | string[] | boolean | EducationRow[] | LanguageRow[];
export type UiValues = Record<string, UiValue>;

export const DEGREES = ['bachelor', 'master', 'doctorate', 'other'] as const;
export const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
/** Languages offered in the languages field (ISO 639-1); names live in the catalogues. */
export const LANGUAGES = [
  'az', 'en', 'ru', 'tr', 'de', 'fr', 'es', 'it', 'ar', 'fa', 'zh', 'ja', 'ko',
  'ka', 'uk', 'kk', 'uz', 'ky', 'tg', 'tk', 'he', 'hi', 'pt', 'pl',
] as const;

const FALLBACK = ['az', 'en', 'ru'] as const;

/** A translated text in `locale`, else the first of az → en → ru that is there. */
export function localized(text: Translated | null | undefined, locale: string): string {
  if (!text) return '';
  const own = (text as Record<string, string | undefined>)[locale];
  if (own) return own;
  for (const l of FALLBACK) {
    const value = text[l];
    if (value) return value;
  }
  return '';
}

/** The language `localized` picks for `text` (for a `lang` attribute when it is not the page's). */
export function languageOf(text: Translated | null | undefined, locale: string): string {
  if (!text) return locale;
  if ((text as Record<string, string | undefined>)[locale]) return locale;
  return FALLBACK.find((l) => text[l]) ?? locale;
}

/** JSON with object keys sorted, so equal answers compare equal whatever the order of members. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Empty text, an empty list and no answer at all are the same: nothing. */
function normalised(value: unknown): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  return value;
}

export function sameAnswer(a: unknown, b: unknown): boolean {
  return canonical(normalised(a)) === canonical(normalised(b));
}

export function emptyEducation(): EducationRow {
  return { university: '', field_of_study: '', degree: '', graduation_year: '' };
}

export function emptyLanguage(): LanguageRow {
  return { language: '', level: '' };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function rows(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r))
    : [];
}

/** What an input shows for a stored answer. */
export function toUi(field: FormField, answer: unknown): UiValue {
  switch (field.type) {
    case 'multiple_choice':
      return Array.isArray(answer) ? answer.filter((v): v is string => typeof v === 'string') : [];
    case 'consent':
      return answer === true;
    case 'education':
      return rows(answer).map((r) => ({
        university: text(r.university),
        field_of_study: text(r.field_of_study),
        degree: text(r.degree),
        graduation_year: text(r.graduation_year),
      }));
    case 'languages':
      return rows(answer).map((r) => ({ language: text(r.language), level: text(r.level) }));
    default:
      return text(answer);
  }
}

/** A number as people type it ("1 500", "2,5"), or undefined when it is not one. */
export function parseNumber(input: string): number | undefined {
  const compact = input.trim().replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(compact)) return undefined;
  const n = Number(compact);
  return Number.isFinite(n) ? n : undefined;
}

export interface Converted {
  /** The answer to store; null clears it. */
  value: unknown;
  /** A catalogue key when the input cannot be stored yet (not a number). */
  invalid?: string;
}

/**
 * The answer for what an input holds. Text is sent as typed (the server
 * checks limits at submission); parts of education and language rows that
 * are still empty are left out, so a half-filled row saves.
 */
export function toAnswer(field: FormField, ui: UiValue | undefined): Converted {
  switch (field.type) {
    case 'multiple_choice': {
      const list = Array.isArray(ui) ? (ui as string[]) : [];
      return { value: list.length > 0 ? [...list] : null };
    }
    case 'consent':
      return { value: ui === true ? true : null };
    case 'number': {
      const input = typeof ui === 'string' ? ui : '';
      if (input.trim() === '') return { value: null };
      const n = parseNumber(input);
      return n === undefined ? { value: null, invalid: 'application.invalid.number' } : { value: n };
    }
    case 'education': {
      let invalid: string | undefined;
      const list = (Array.isArray(ui) ? (ui as EducationRow[]) : [])
        .map((r) => {
          const row: Record<string, unknown> = {};
          if (r.university.trim()) row.university = r.university;
          if (r.field_of_study.trim()) row.field_of_study = r.field_of_study;
          if (r.degree) row.degree = r.degree;
          if (r.graduation_year.trim()) {
            const year = parseNumber(r.graduation_year);
            if (year === undefined || !Number.isInteger(year)) invalid = 'application.invalid.year';
            else row.graduation_year = year;
          }
          return row;
        })
        .filter((row) => Object.keys(row).length > 0);
      return invalid ? { value: null, invalid } : { value: list.length > 0 ? list : null };
    }
    case 'languages': {
      const list = (Array.isArray(ui) ? (ui as LanguageRow[]) : [])
        .map((r) => {
          const row: Record<string, unknown> = {};
          if (r.language) row.language = r.language;
          if (r.level) row.level = r.level;
          return row;
        })
        .filter((row) => Object.keys(row).length > 0);
      return { value: list.length > 0 ? list : null };
    }
    case 'file':
      return { value: null };
    default: {
      const input = typeof ui === 'string' ? ui : '';
      return { value: input === '' ? null : input };
    }
  }
}

/** Whether `answer` meets a `visible_if` condition (for a list: one of its values does). */
function meets(answer: unknown, equals: unknown): boolean {
  if (sameAnswer(answer, equals)) return true;
  return Array.isArray(answer) && answer.some((a) => sameAnswer(a, equals));
}

/**
 * The keys of the fields shown to the applicant: not retired, and each
 * `visible_if` met by the answer of an earlier field that is itself shown.
 */
export function visibleKeys(fields: FormField[], answerOf: (key: string) => unknown): Set<string> {
  const shown = new Set<string>();
  for (const field of fields) {
    if (field.retired) continue;
    const condition = field.visible_if;
    if (condition && (!shown.has(condition.field) || !meets(answerOf(condition.field), condition.equals))) continue;
    shown.add(field.key);
  }
  return shown;
}

/** Characters as people count them (a letter with a diacritic or an emoji is one). */
export function countChars(value: string): number {
  return [...value].length;
}

export function countWords(value: string): number {
  const trimmed = value.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

/** The answers in `stored` that `values` would change (null clears one). */
export function changedAnswers(
  fields: FormField[],
  values: UiValues,
  stored: Answers,
): { patch: Answers; invalid: Record<string, string> } {
  const patch: Answers = {};
  const invalid: Record<string, string> = {};
  for (const field of fields) {
    if (field.retired || field.type === 'file' || !(field.key in values)) continue;
    const converted = toAnswer(field, values[field.key]);
    if (converted.invalid) {
      invalid[field.key] = converted.invalid;
      continue;
    }
    if (!sameAnswer(converted.value, stored[field.key])) patch[field.key] = converted.value;
  }
  return { patch, invalid };
}

/** The field key an error path such as `answers.education[0].university` belongs to. */
export function errorKeyOf(path: string): string | undefined {
  if (!path.startsWith('answers.')) return undefined;
  const rest = path.slice('answers.'.length);
  const match = /^[^.[\]]+/.exec(rest);
  return match ? match[0] : undefined;
}

/** Input id of a field: the same as the API's error path, so links and focus find it. */
export function inputId(key: string): string {
  return `answers.${key}`;
}
