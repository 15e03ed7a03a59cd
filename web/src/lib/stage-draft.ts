// What the stage editor edits: a stage's settings in a shape inputs can bind
// to (every language present, numbers or null), and the conversions to and
// from the API's StageSettings. Plain TypeScript, no Svelte.
import type { Aggregation, Criterion, OthersScores, Quota, Stage, StageKind, StageSettings } from './api/review';
import { SCORED_KINDS } from './api/review';
import { localized } from './answers';
import { textDraft, translated, uid, type TextDraft } from './call-draft';

export interface CriterionDraft {
  uid: number;
  key: string;
  label: TextDraft;
  guidance: TextDraft;
  weight: number | null;
  min: number | null;
  max: number | null;
}

/** A quota as the editor shows it: shares as percentages (30 for 0.3), empty = not set. */
export interface QuotaDraft {
  uid: number;
  field: string;
  value: string;
  min_percent: number | null;
  max_percent: number | null;
}

export interface StageDraft {
  name: TextDraft;
  rubric: CriterionDraft[];
  reviewers_per_application: number | null;
  aggregation: Aggregation;
  calibrate: boolean;
  disagreement_threshold: number | null;
  blind: boolean;
  hidden_fields: string[];
  conflict_fields: string[];
  others_scores: OthersScores;
  /**
   * How equal scores are ordered (the server's `tie_breaks`). Not edited
   * here, but sent back as read, so saving does not reset it.
   */
  tie_breaks: string[] | null;
  // Interview stages:
  /** Bookings are made or moved until this many hours before the slot, 0–720. */
  booking_cutoff_hours: number | null;
  // Decision stages:
  offer_days: number | null;
  waitlist_size: number | null;
  quotas: QuotaDraft[];
}

/** The defaults of docs/api/review.md, shown when a stage has not set a member. */
export const DEFAULTS = {
  reviewers_per_application: 3,
  aggregation: 'mean' as Aggregation,
  calibrate: false,
  disagreement_threshold: 25,
  blind: false,
  others_scores: 'after_submit' as OthersScores,
  booking_cutoff_hours: 24,
  offer_days: 7,
  waitlist_size: 50,
};

const num = (v: number | undefined | null): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function criterionDraft(c: Criterion): CriterionDraft {
  return {
    uid: uid(),
    key: c.key,
    label: textDraft(c.label),
    guidance: textDraft(c.guidance),
    weight: num(c.weight),
    min: num(c.min),
    max: num(c.max),
  };
}

/** A new criterion: weight 1 on a 0–10 scale. */
export function newCriterion(key: string): CriterionDraft {
  return { uid: uid(), key, label: textDraft(null), guidance: textDraft(null), weight: 1, min: 0, max: 10 };
}

/** A share (0–1) as a percentage without binary noise: 0.3 → 30, not 30.000000000000004. */
export function sharePercent(share: number | undefined | null): number | null {
  const v = num(share);
  return v === null ? null : Math.round(v * 1_000_000) / 10_000;
}

/** A percentage as the share the API takes: 30 → 0.3. */
export function percentShare(percent: number): number {
  return Math.round(percent * 10_000) / 1_000_000;
}

export function quotaDraft(q: Quota): QuotaDraft {
  return { uid: uid(), field: q.field, value: q.value, min_percent: sharePercent(q.min_share), max_percent: sharePercent(q.max_share) };
}

/** A new quota on `field`: no minimum, no maximum yet. */
export function newQuota(field: string): QuotaDraft {
  return { uid: uid(), field, value: '', min_percent: null, max_percent: null };
}

export function stageDraft(s: StageSettings): StageDraft {
  return {
    name: textDraft(s.name),
    rubric: (s.rubric ?? []).map(criterionDraft),
    reviewers_per_application: num(s.reviewers_per_application) ?? DEFAULTS.reviewers_per_application,
    aggregation: s.aggregation ?? DEFAULTS.aggregation,
    calibrate: s.calibrate ?? DEFAULTS.calibrate,
    disagreement_threshold: num(s.disagreement_threshold) ?? DEFAULTS.disagreement_threshold,
    blind: s.blind ?? DEFAULTS.blind,
    hidden_fields: [...(s.hidden_fields ?? [])],
    conflict_fields: [...(s.conflict_fields ?? [])],
    others_scores: s.others_scores ?? DEFAULTS.others_scores,
    tie_breaks: Array.isArray(s.tie_breaks) ? [...s.tie_breaks] : null,
    booking_cutoff_hours: num(s.booking_cutoff_hours) ?? DEFAULTS.booking_cutoff_hours,
    offer_days: num(s.offer_days) ?? DEFAULTS.offer_days,
    waitlist_size: num(s.waitlist_size) ?? DEFAULTS.waitlist_size,
    quotas: (s.quotas ?? []).map(quotaDraft),
  };
}

function criterion(c: CriterionDraft): Criterion {
  const out = { key: c.key.trim(), label: translated(c.label) } as Criterion;
  const guidance = translated(c.guidance);
  if (Object.keys(guidance).length > 0) out.guidance = guidance;
  // An empty number is left out: the server names it as required at its path.
  if (c.weight !== null) out.weight = c.weight;
  if (c.min !== null) out.min = c.min;
  if (c.max !== null) out.max = c.max;
  return out;
}

function quota(q: QuotaDraft): Quota {
  const out: Quota = { field: q.field, value: q.value.trim() };
  // An empty share is left out: the server takes no minimum (0) or no maximum (1).
  if (q.min_percent !== null) out.min_share = percentShare(q.min_percent);
  if (q.max_percent !== null) out.max_share = percentShare(q.max_percent);
  return out;
}

/**
 * The settings to PUT, as the coordinator left them. Screening stages have a
 * name only; the scoring members belong to review and interview stages (and
 * the booking cut-off to interview stages), the offer days, waitlist and
 * quotas to decision stages. The PUT replaces the whole settings: a member
 * left out goes back to its default.
 */
export function stageSettings(d: StageDraft, kind: StageKind): StageSettings {
  const out: StageSettings = {};
  const name = translated(d.name);
  if (Object.keys(name).length > 0) out.name = name;
  if (kind === 'decision') {
    if (d.offer_days !== null) out.offer_days = d.offer_days;
    if (d.waitlist_size !== null) out.waitlist_size = d.waitlist_size;
    out.quotas = d.quotas.map(quota);
    return out;
  }
  if (!SCORED_KINDS.includes(kind)) return out;
  out.rubric = d.rubric.map(criterion);
  if (d.reviewers_per_application !== null) out.reviewers_per_application = d.reviewers_per_application;
  out.aggregation = d.aggregation;
  out.calibrate = d.calibrate;
  if (d.disagreement_threshold !== null) out.disagreement_threshold = d.disagreement_threshold;
  out.blind = d.blind;
  out.hidden_fields = [...d.hidden_fields];
  out.conflict_fields = [...d.conflict_fields];
  out.others_scores = d.others_scores;
  if (d.tie_breaks !== null) out.tie_breaks = [...d.tie_breaks];
  // An empty number is left out: the server keeps its default (24 hours).
  if (kind === 'interview' && d.booking_cutoff_hours !== null) out.booking_cutoff_hours = d.booking_cutoff_hours;
  return out;
}

/** A criterion key not yet used: `criterion_1`, `criterion_2` … */
export function freeCriterionKey(rubric: CriterionDraft[]): string {
  const used = new Set(rubric.map((c) => c.key));
  for (let n = rubric.length + 1; ; n += 1) if (!used.has(`criterion_${n}`)) return `criterion_${n}`;
}

/**
 * The weighted total on 0–100 of complete scores, as the reviewer will see it
 * after submitting: each score placed on its scale ((s − min) / (max − min)),
 * weighted, averaged and times 100. Undefined while a score is missing.
 */
export function weightedTotal(rubric: Criterion[], scores: Record<string, number | null | undefined>): number | undefined {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores[c.key];
    if (typeof s !== 'number' || !Number.isFinite(s) || c.max <= c.min || c.weight <= 0) return undefined;
    sum += (c.weight * (s - c.min)) / (c.max - c.min);
    weights += c.weight;
  }
  return weights > 0 ? (sum / weights) * 100 : undefined;
}

/** A stage's name in `locale` (falling back az → en → ru), else its kind's name from the catalogue. */
export function stageName(stage: Pick<Stage, 'kind' | 'settings'>, locale: string, t: (key: string) => string): string {
  return localized(stage.settings?.name, locale) || t(`stages.kinds.${stage.kind}`);
}
