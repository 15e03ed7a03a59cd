// What the call editor edits: the call's settings in a shape the inputs can
// bind to (every language present, numbers or null, lists as text), and the
// conversions to and from the API's CallSettings. Settings that do not apply
// to a field's current type are kept here, so switching a type back and
// forth loses nothing, and left out of what is sent.
import type {
  Call,
  CallSettings,
  Field,
  FieldType,
  Rule,
  RuleKind,
  Translated,
} from './api/programmes';
import { TEXT_LOCALES } from './api/programmes';

export interface TextDraft {
  az: string;
  en: string;
  ru: string;
}

export interface OptionDraft {
  uid: number;
  value: string;
  label: TextDraft;
}

export interface FieldDraft {
  uid: number;
  key: string;
  type: FieldType;
  label: TextDraft;
  help: TextDraft;
  required: boolean;
  retired: boolean;
  max_chars: number | null;
  max_words: number | null;
  min: number | null;
  max: number | null;
  integer: boolean;
  options: OptionDraft[];
  max_choices: number | null;
  /** File extensions, separated by commas or spaces. */
  accept: string;
  /** Largest file in megabytes (the API counts bytes). */
  max_mb: number | null;
  visible_field: string;
  visible_equals: string;
  stage: number;
}

export interface RuleDraft {
  uid: number;
  id: string;
  kind: RuleKind;
  field: string;
  knock_out: boolean;
  /** field_of_study_in: one field of study a line. */
  values: string;
  min: number | null;
  max: number | null;
  on: string;
  language: string;
  level: string;
  op: string;
  /** answer: the value; for `in`, values separated by commas. */
  value: string;
}

export interface CallDraft {
  title: TextDraft;
  description: TextDraft;
  opens_at_local: string;
  closes_at_local: string;
  time_zone: string;
  published: boolean;
  fields: FieldDraft[];
  /** Days the short-list form stays open to an application once short-listed (1–60); null when cleared. */
  second_stage_days: number | null;
  rules: RuleDraft[];
}

let nextUid = 1;
export const uid = (): number => nextUid++;

export const TEXT_TYPES: readonly FieldType[] = ['short_text', 'long_text'];
export const CHOICE_TYPES: readonly FieldType[] = ['single_choice', 'multiple_choice'];

/** The server's default for `form.second_stage_days`. */
export const DEFAULT_SECOND_STAGE_DAYS = 14;

/** Field types a rule of each kind reads; `answer` reads any. */
export const RULE_FIELD_TYPES: Record<RuleKind, readonly FieldType[] | null> = {
  field_of_study_in: ['education'],
  graduation_year_between: ['education'],
  age_between: ['date'],
  language_at_least: ['languages'],
  answer: null,
};

export function textDraft(t: Translated | undefined | null): TextDraft {
  return { az: t?.az ?? '', en: t?.en ?? '', ru: t?.ru ?? '' };
}

/** Only the languages that have text; `{}` when none has. */
export function translated(t: TextDraft): Translated {
  const out: Translated = {};
  for (const l of TEXT_LOCALES) if (t[l].trim() !== '') out[l] = t[l];
  return out;
}

const isEmpty = (t: TextDraft) => TEXT_LOCALES.every((l) => t[l].trim() === '');

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(asText).join(', ');
  return String(value);
}

const num = (v: number | undefined | null): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function newField(type: FieldType, key: string): FieldDraft {
  return {
    uid: uid(),
    key,
    type,
    label: textDraft(null),
    help: textDraft(null),
    required: false,
    retired: false,
    max_chars: null,
    max_words: null,
    min: null,
    max: null,
    integer: false,
    options: CHOICE_TYPES.includes(type) ? [newOption(), newOption()] : [],
    max_choices: null,
    accept: type === 'file' ? 'pdf, docx' : '',
    max_mb: type === 'file' ? 10 : null,
    visible_field: '',
    visible_equals: '',
    stage: 1,
  };
}

export function newOption(): OptionDraft {
  return { uid: uid(), value: '', label: textDraft(null) };
}

export function newRule(kind: RuleKind, id: string): RuleDraft {
  return {
    uid: uid(),
    id,
    kind,
    field: '',
    knock_out: false,
    values: '',
    min: null,
    max: null,
    on: '',
    language: kind === 'language_at_least' ? 'en' : '',
    level: kind === 'language_at_least' ? 'B2' : '',
    op: 'eq',
    value: '',
  };
}

export function fieldDraft(f: Field): FieldDraft {
  return {
    uid: uid(),
    key: f.key,
    type: f.type,
    label: textDraft(f.label),
    help: textDraft(f.help),
    required: !!f.required,
    retired: !!f.retired,
    max_chars: num(f.max_chars),
    max_words: num(f.max_words),
    min: num(f.min),
    max: num(f.max),
    integer: !!f.integer,
    options: (f.options ?? []).map((o) => ({ uid: uid(), value: o.value, label: textDraft(o.label) })),
    max_choices: num(f.max_choices),
    accept: (f.accept ?? []).join(', '),
    max_mb: typeof f.max_bytes === 'number' ? Math.round((f.max_bytes / 1_048_576) * 100) / 100 : null,
    visible_field: f.visible_if?.field ?? '',
    visible_equals: asText(f.visible_if?.equals),
    stage: f.stage ?? 1,
  };
}

export function ruleDraft(r: Rule): RuleDraft {
  return {
    uid: uid(),
    id: r.id,
    kind: r.kind,
    field: r.field ?? '',
    knock_out: !!r.knock_out,
    values: (r.values ?? []).join('\n'),
    min: num(r.min),
    max: num(r.max),
    on: r.on ?? '',
    language: r.language ?? '',
    level: r.level ?? '',
    op: r.op ?? 'eq',
    value: asText(r.value),
  };
}

export function emptyDraft(timeZone: string): CallDraft {
  return {
    title: textDraft(null),
    description: textDraft(null),
    opens_at_local: '',
    closes_at_local: '',
    time_zone: timeZone,
    published: false,
    fields: [],
    second_stage_days: DEFAULT_SECOND_STAGE_DAYS,
    rules: [],
  };
}

export function callDraft(call: Call | CallSettings): CallDraft {
  return {
    title: textDraft(call.title),
    description: textDraft(call.description),
    opens_at_local: (call.opens_at_local ?? '').slice(0, 16),
    closes_at_local: (call.closes_at_local ?? '').slice(0, 16),
    time_zone: call.time_zone,
    published: !!call.published,
    fields: (call.form?.fields ?? []).map(fieldDraft),
    second_stage_days: num(call.form?.second_stage_days) ?? DEFAULT_SECOND_STAGE_DAYS,
    rules: (call.eligibility?.rules ?? []).map(ruleDraft),
  };
}

/**
 * A typed value as the answer to `target` would be: a number for a number
 * field, true/false for a consent, text otherwise.
 */
function typedValue(text: string, target: FieldDraft | undefined): unknown {
  const v = text.trim();
  if (target?.type === 'number' && v !== '' && Number.isFinite(Number(v))) return Number(v);
  if (target?.type === 'consent' && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}

function fieldSettings(f: FieldDraft, all: FieldDraft[]): Field {
  const out: Field = { key: f.key.trim(), type: f.type, label: translated(f.label) };
  if (!isEmpty(f.help)) out.help = translated(f.help);
  out.required = f.required;
  out.retired = f.retired;
  if (TEXT_TYPES.includes(f.type)) {
    if (f.max_chars !== null) out.max_chars = f.max_chars;
    if (f.max_words !== null) out.max_words = f.max_words;
  }
  if (f.type === 'number') {
    if (f.min !== null) out.min = f.min;
    if (f.max !== null) out.max = f.max;
    out.integer = f.integer;
  }
  if (CHOICE_TYPES.includes(f.type)) {
    out.options = f.options.map((o) => ({ value: o.value.trim(), label: translated(o.label) }));
    if (f.type === 'multiple_choice' && f.max_choices !== null) out.max_choices = f.max_choices;
  }
  if (f.type === 'file') {
    const accept = f.accept
      .split(/[\s,;]+/)
      .map((e) => e.trim().replace(/^\./, '').toLowerCase())
      .filter(Boolean);
    if (accept.length > 0) out.accept = accept;
    if (f.max_mb !== null) out.max_bytes = Math.round(f.max_mb * 1_048_576);
  }
  if (f.visible_field !== '') {
    const target = all.find((x) => x.key === f.visible_field);
    out.visible_if = { field: f.visible_field, equals: typedValue(f.visible_equals, target) };
  }
  out.stage = f.stage;
  return out;
}

function ruleSettings(r: RuleDraft, fields: FieldDraft[]): Rule {
  const out: Rule = { id: r.id, kind: r.kind, field: r.field, knock_out: r.knock_out };
  switch (r.kind) {
    case 'field_of_study_in':
      out.values = r.values
        .split('\n')
        .map((v) => v.trim())
        .filter(Boolean);
      break;
    case 'graduation_year_between':
      if (r.min !== null) out.min = r.min;
      if (r.max !== null) out.max = r.max;
      break;
    case 'age_between':
      out.on = r.on;
      if (r.min !== null) out.min = r.min;
      if (r.max !== null) out.max = r.max;
      break;
    case 'language_at_least':
      out.language = r.language.trim().toLowerCase();
      out.level = r.level;
      break;
    case 'answer': {
      const target = fields.find((f) => f.key === r.field);
      out.op = r.op;
      out.value =
        r.op === 'in'
          ? r.value
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean)
              .map((v) => typedValue(v, target))
          : typedValue(r.value, target);
      break;
    }
  }
  return out;
}

/** Whether the form has questions for the short-list form (stage 2) that applicants see. */
export function hasSecondStage(d: CallDraft): boolean {
  return d.fields.some((f) => f.stage === 2 && !f.retired);
}

/**
 * The settings to PUT: the whole call, as the coordinator left it. The days
 * of the short-list form go along even while no question is on it, so they
 * are kept (left out, the server would set its default); cleared, they are
 * left out and the server's default applies.
 */
export function callSettings(d: CallDraft): CallSettings {
  const form: CallSettings['form'] = { fields: d.fields.map((f) => fieldSettings(f, d.fields)) };
  if (d.second_stage_days !== null) form.second_stage_days = d.second_stage_days;
  const out: CallSettings = {
    title: translated(d.title),
    description: translated(d.description),
    time_zone: d.time_zone,
    published: d.published,
    form,
    eligibility: { rules: d.rules.map((r) => ruleSettings(r, d.fields)) },
  };
  if (d.opens_at_local) out.opens_at_local = d.opens_at_local;
  if (d.closes_at_local) out.closes_at_local = d.closes_at_local;
  return out;
}

/** A key not yet used by a field: `field_3`, `field_4` … */
export function freeKey(fields: FieldDraft[], base = 'field'): string {
  const used = new Set(fields.map((f) => f.key));
  for (let n = fields.length + 1; ; n += 1) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A rule id not yet used: `r1`, `r2` … */
export function freeRuleId(rules: RuleDraft[]): string {
  const used = new Set(rules.map((r) => r.id));
  for (let n = rules.length + 1; ; n += 1) if (!used.has(`r${n}`)) return `r${n}`;
}
