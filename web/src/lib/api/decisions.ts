// Decisions, offers and the waitlist (docs/api/review.md, last part): one
// function per route, with the shapes it sends and answers. Staff prepare,
// change and publish the decisions of a decision stage; applicants answer
// their offers. Changes carry the CSRF token through client.ts like every
// other module.
import { request } from './client';

export const OUTCOMES = ['accept', 'waitlist', 'reject'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OFFER_STATES = ['open', 'accepted', 'declined', 'expired'] as const;
export type OfferState = (typeof OFFER_STATES)[number];
/** What the applicant may still do with an offer (the server's transition table). */
export type OfferAction = 'accept' | 'decline';

export interface Offer {
  id: string;
  application_id: string;
  reference: string;
  /** In the request's language. */
  call_title: string;
  intake_name: string;
  state: OfferState;
  /** RFC 3339 UTC. */
  deadline_at: string;
  responded_at: string | null;
  promoted_from_waitlist: boolean;
  /** Sent by the server from its workflow table; absent from older servers. */
  actions?: OfferAction[];
}

export interface QuotaFigures {
  field: string;
  value: string;
  minimum_seats: number;
  maximum_seats: number;
  /** Ranked applications with this value. */
  candidates: number;
  /** Of them, those with the outcome accept. */
  selected: number;
  minimum_met: boolean;
  /** Fewer candidates than the minimum: the minimum could not be kept. */
  minimum_lowered: boolean;
}

export interface Decision {
  id: string;
  application_id: string;
  reference: string;
  name: string;
  /** Null for applications without a score (listed last). */
  rank: number | null;
  score: number | null;
  outcome: Outcome;
  /** What the ranking proposed; differs from `outcome` after a change by hand. */
  proposed_outcome: Outcome;
  waitlist_position: number | null;
  override_reason: string | null;
  overridden_by_name: string;
  promoted_from_waitlist?: boolean;
  state: 'draft' | 'published';
  /** One sentence in the request's language: rank, score, cut-off and the quota that applied. */
  explanation: string;
  /** The latest offer, once published. */
  offer: Offer | null;
}

export interface DecisionBoard {
  stage_id: string;
  /** The scored stage whose ranking the decisions follow; null before preparing. */
  source_stage_id: string | null;
  capacity: number;
  published: boolean;
  quotas: QuotaFigures[];
  counts: Record<Outcome, number>;
  /** The lowest score among those accepted. */
  cutoff_score: number | null;
  items: Decision[];
}

export interface PublishResult {
  published: number;
  offers: number;
  letters: number;
}

const enc = encodeURIComponent;
const intake = (id: string) => `/api/v1/intakes/${enc(id)}`;
const offer = (id: string) => `/api/v1/offers/${enc(id)}`;

/** (Re)prepares the draft decisions of the decision stage from the ranking, capacity and quotas. */
export const prepare = (intakeId: string, stageId: string) =>
  request<DecisionBoard>(`${intake(intakeId)}/decisions`, { method: 'POST', body: { stage_id: stageId } });
/** Every read is audited (the board names applicants). */
export const board = (intakeId: string, stageId: string) =>
  request<DecisionBoard>(`${intake(intakeId)}/decisions?stage=${enc(stageId)}`);
/** A coordinator's change of a draft decision; the reason is required. */
export const override = (decisionId: string, outcome: Outcome, reason: string) =>
  request<Decision>(`/api/v1/decisions/${enc(decisionId)}`, { method: 'PUT', body: { outcome, reason } });
/** Publishes every decision of the stage at once: letters and offers go out. */
export const publish = (intakeId: string, stageId: string) =>
  request<PublishResult>(`${intake(intakeId)}/decisions/publish`, { method: 'POST', body: { stage_id: stageId } });

// The applicant's side
export const myOffers = () => request<{ items: Offer[] }>('/api/v1/me/offers');
export const accept = (offerId: string) => request<Offer>(`${offer(offerId)}/accept`, { method: 'POST' });
/** The seat goes to the next person on the waitlist. */
export const decline = (offerId: string) => request<Offer>(`${offer(offerId)}/decline`, { method: 'POST' });

/** Whether the applicant may still answer the offer (the server's actions, else its state). */
export function canAnswer(o: Offer, action: OfferAction): boolean {
  return o.actions ? o.actions.includes(action) : o.state === 'open';
}
