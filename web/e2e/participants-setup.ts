// Makes participants quickly, through the HTTP API, for the tests of running
// a programme: a published call with room for all of them, one application
// each (applied in parallel), the interview stage removed, one reviewer who
// scores them with distinct totals, all short-listed into the decision
// stage, the decisions prepared and published, and every offer accepted by
// its applicant. Accepting an offer makes the applicant a participant of the
// intake (docs/api/programme.md).
import { request as newRequest, type APIRequestContext } from '@playwright/test';
import { expect } from './fixtures';
import { adminApi, applyThroughApi, openCall, signInThroughApi, staffMember, submitReviews, type OpenCall } from './calls-setup';
import { person, type Person } from './people';

export const FIELDS = [
  { key: 'motivation', type: 'long_text', label: { az: 'Niyə bu proqram?', en: 'Why this programme?' }, required: true },
  { key: 'consent', type: 'consent', label: { az: 'Məlumatlarımın işlənməsinə razıyam', en: 'I agree' }, required: true },
];

export interface Accepted {
  person: Person;
  applicationId: string;
  reference: string;
}

async function send(api: APIRequestContext, method: 'get' | 'post' | 'put' | 'delete', path: string, status: number, data?: unknown) {
  const response = await api[method](path, data === undefined ? {} : { data });
  expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
  return status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}

/**
 * An open call whose intake has one participant per person given (in that
 * order of score, the first highest), each of whom accepted their offer.
 * With `existing`, that call (published, open, with this form's fields and
 * room for them all) is used instead of a new one.
 */
export async function acceptedParticipants(
  baseURL: string,
  request: APIRequestContext,
  people: Person[],
  existing?: OpenCall,
): Promise<{ call: OpenCall; participants: Accepted[] }> {
  const call = existing ?? (await openCall(request, FIELDS, [], undefined, { capacity: people.length }));
  const applied = await Promise.all(
    people.map((who) =>
      applyThroughApi(baseURL, call.id, { motivation: 'Dövlət qulluğunda təcrübə qazanmaq istəyirəm.', consent: true }, who),
    ),
  );
  const reviewer = await staffMember(baseURL, call, 'reviewer', person('reviewer', { name: 'Günel Abbasova' }));
  const admin = await adminApi(baseURL, call);
  try {
    const stages = ((await send(admin, 'get', `/api/v1/intakes/${call.intakeId}/stages`, 200)).items ?? []) as { id: string; kind: string; version: number }[];
    const review = stages.find((s) => s.kind === 'review');
    const decision = stages.find((s) => s.kind === 'decision');
    if (!review || !decision) throw new Error('a review and a decision stage expected');
    for (const s of stages.filter((x) => x.kind === 'interview')) await send(admin, 'delete', `/api/v1/stages/${s.id}`, 204);
    await send(admin, 'put', `/api/v1/stages/${review.id}`, 200, {
      settings: {
        rubric: [{ key: 'overall', label: { az: 'Ümumi qiymət', en: 'Overall' }, weight: 1, min: 0, max: 10 }],
        reviewers_per_application: 1,
      },
      version: review.version,
    });
    await send(admin, 'post', `/api/v1/stages/${review.id}/reviewers`, 201, { account_id: reviewer.accountId });
    expect((await send(admin, 'post', `/api/v1/stages/${review.id}/admit`, 200)).admitted).toBe(people.length);
    await send(admin, 'post', `/api/v1/intakes/${call.intakeId}/review-assignments`, 200, { stage_id: review.id, mode: 'automatic' });
    const scores = new Map(applied.map((a, i) => [a.applicationId, 10 - i]));
    await submitReviews(baseURL, reviewer.person.email, (applicationId) => ({ overall: scores.get(applicationId) ?? 0 }));
    expect((await send(admin, 'post', `/api/v1/stages/${review.id}/shortlist`, 200, { top: people.length })).moved).toBe(people.length);
    const board = (await send(admin, 'post', `/api/v1/intakes/${call.intakeId}/decisions`, 200, { stage_id: decision.id })) as {
      counts: { accept: number };
    };
    expect(board.counts.accept).toBe(people.length);
    await send(admin, 'post', `/api/v1/intakes/${call.intakeId}/decisions/publish`, 200, { stage_id: decision.id });
  } finally {
    await admin.dispose();
  }

  // Each applicant accepts their offer, in a session of their own.
  await Promise.all(
    applied.map(async (a) => {
      const api = await newRequest.newContext({ baseURL });
      try {
        const { headers } = await signInThroughApi(api, a.person.email, a.person.password);
        const offers = (await send(api, 'get', '/api/v1/me/offers', 200)).items as { id: string; application_id: string; state: string }[];
        const offer = offers.find((o) => o.application_id === a.applicationId);
        expect(offer?.state, `the offer of ${a.reference}`).toBe('open');
        const accepted = await api.post(`/api/v1/offers/${offer?.id ?? ''}/accept`, { headers });
        expect(accepted.status(), await accepted.text()).toBe(200);
      } finally {
        await api.dispose();
      }
    }),
  );
  return { call, participants: applied };
}
