// Evaluations and feedback (docs/api/programme.md "Evaluations and
// feedback"): supervisors score each intern of a rotation that has begun on
// the intake's criteria (1–5 each; without criteria one score, `overall`),
// staff read every evaluation of an intake, participants rate an activity
// that has begun, and staff and the activity's trainer read the ratings
// without names. One function per route, with the shapes it sends and answers.
import { request } from './client';
import type { Period } from './participants';

/** The one score asked for when the intake has no criteria. */
export const OVERALL = 'overall';
/** Scores run from 1 to 5. */
export const SCORES = [1, 2, 3, 4, 5] as const;
/** At most this many criteria per intake. */
export const MAX_CRITERIA = 12;
/** Longest comment of an evaluation and of feedback (the server counts code points). */
export const EVALUATION_COMMENT_MAX = 3000;
export const FEEDBACK_COMMENT_MAX = 1000;

export interface Evaluation {
  participant_id: string;
  name: string;
  period_id: string;
  period_name: string;
  unit_id: string;
  unit_name: string;
  /** Criterion → 1–5. */
  scores: Record<string, number>;
  /** The mean of the scores. */
  overall: number;
  comment: string;
  submitted_at: string;
}

/** A rotation in one of the signed-in supervisor's units whose period has begun. */
export interface EvaluationTask {
  intake_id: string;
  intake_name: string;
  period: Period;
  unit_id: string;
  unit_name: string;
  participant_id: string;
  name: string;
  /** The intake's criteria; empty: one score, `overall`. */
  criteria: string[];
  evaluation: Evaluation | null;
}

export interface EvaluationChange {
  participant_id: string;
  period_id: string;
  scores: Record<string, number>;
  comment: string;
}

export interface Feedback {
  rating: number;
  comment: string;
}

export interface FeedbackSummary {
  count: number;
  /** null when nobody rated yet. */
  average: number | null;
  /** Without names. */
  items: Feedback[];
}

const enc = encodeURIComponent;

/** The criteria scored: the intake's, or `overall` alone. */
export const criteriaOf = (criteria: string[] | undefined): string[] => (criteria && criteria.length > 0 ? criteria : [OVERALL]);

/** The signed-in supervisor's rotations that have begun (published plans), evaluated or not. */
export const myEvaluations = () => request<{ items: EvaluationTask[] }>('/api/v1/me/evaluations');
/** The rotation's supervisor or staff; again to change it. */
export const saveEvaluation = (body: EvaluationChange) => request<Evaluation>('/api/v1/evaluations', { method: 'PUT', body });
/** Staff: every evaluation of the intake. */
export const intakeEvaluations = (intakeId: string) => request<{ items: Evaluation[] }>(`/api/v1/intakes/${enc(intakeId)}/evaluations`);

/** An active participant, once the activity has begun; again to change it. `rating` null is refused at `rating`. */
export const giveFeedback = (activityId: string, rating: number | null, comment: string) =>
  request<Feedback>(`/api/v1/activities/${enc(activityId)}/feedback`, { method: 'PUT', body: { rating, comment } });
/** Staff and the activity's trainer. */
export const feedbackOn = (activityId: string) => request<FeedbackSummary>(`/api/v1/activities/${enc(activityId)}/feedback`);
