// The words of the reports: the funnel's steps, the ways to split an intake
// and the names of its groups, in the reader's language.
import type { TOptions } from 'i18next';
import { localized } from './answers';
import type { Translated } from './api/calls';
import type { Dimension, FunnelStepName } from './api/reports';

type Translate = (key: string, options?: TOptions) => string;

export function stepLabel(step: FunnelStepName | string, t: Translate): string {
  return t(`reports.steps.${step}`, { defaultValue: step });
}

/** A way to split the intake, as the select names it: the question, and which part of an education entry. */
export function dimensionLabel(dimension: Dimension, locale: string, t: Translate): string {
  const question = localized(dimension.label, locale) || dimension.key;
  switch (dimension.kind) {
    case 'age':
      return t('reports.dimension_age');
    case 'university':
      return t('reports.dimension_university', { question });
    case 'field_of_study':
      return t('reports.dimension_field_of_study', { question });
    default:
      return question;
  }
}

/** One group of a breakdown: the choice's label, the age band, the university as written; "not answered" for "". */
export function groupLabel(kind: string, row: { value: string; label: Translated }, locale: string, t: Translate): string {
  if (row.value === '') return t('reports.not_answered');
  if (kind === 'age') return t(`reports.age_bands.${row.value.replace(/-/g, '_')}`, { defaultValue: row.value });
  return localized(row.label, locale) || row.value;
}
