// Alumni (docs/api/programme.md, "Alumni"): the people who completed an
// intake of a programme, counted in the year their intake ended; the opt-in
// directory the programme's alumni and its staff may read; one's own entry
// in it; and invitations of alumni to an activity. One function per route,
// with the shapes it sends and answers.
import { request } from './client';
import { getCall } from './calls';
import { myApplications } from './applications';
import { myParticipations } from './participants';

export interface Alumnus {
  account_id: string;
  name: string;
  /** Staff's list only; never in the directory. */
  email?: string;
  /** Names of the intakes completed, oldest first. */
  intakes: string[];
  /** The year the first completed intake ended. */
  year: string;
  directory: boolean;
  headline: string;
}

export interface AlumniOverview {
  /** Distinct people. */
  total: number;
  /** People completing per year (of the intake's end), oldest first. */
  per_year: { year: string; completed: number }[];
  items: Alumnus[];
}

export interface AlumniProfile {
  directory: boolean;
  headline: string;
}

/** The longest headline the server keeps. */
export const HEADLINE_MAX = 200;

const programme = (id: string) => `/api/v1/programmes/${encodeURIComponent(id)}`;

/** Staff: totals per year and every alumnus with e-mail. Audited as a read of personal data. */
export const programmeAlumni = (programmeId: string) => request<AlumniOverview>(`${programme(programmeId)}/alumni`);
/** Staff and the programme's alumni: those who opted in, without e-mail. */
export const alumniDirectory = (programmeId: string) => request<{ items: Alumnus[] }>(`${programme(programmeId)}/alumni-directory`);
/** The signed-in person's entry; 422 at `headline` (`too_long`, 200 characters). */
export const saveAlumniProfile = (body: AlumniProfile) => request<AlumniProfile>('/api/v1/me/alumni-profile', { method: 'PUT', body });
/** Staff: e-mails every alumnus of the activity's programme who is not in its intake; 409 `activity_cancelled`. */
export const inviteAlumni = (activityId: string) =>
  request<{ invited: number }>(`/api/v1/activities/${encodeURIComponent(activityId)}/invite-alumni`, { method: 'POST' });

export interface AlumnusOf {
  programme_id: string;
  programme_name: string;
}

/**
 * The programmes the signed-in person is an alumnus of. No route says so
 * directly, and a participant may not read an intake: the intakes they
 * completed (their participations) are matched with the published calls of
 * their applications, whose public page names the intake and the programme.
 */
export async function myAlumniProgrammes(): Promise<AlumnusOf[]> {
  const completed = new Set(
    (await myParticipations()).items.filter((p) => p.participant.state === 'completed').map((p) => p.participant.intake_id),
  );
  if (completed.size === 0) return [];
  const calls = [...new Set((await myApplications()).items.map((a) => a.call_id))];
  const found = await Promise.all(calls.map((id) => getCall(id).catch(() => null)));
  const out: AlumnusOf[] = [];
  for (const call of found) {
    if (!call || !completed.has(call.intake.id) || out.some((p) => p.programme_id === call.programme.id)) continue;
    out.push({ programme_id: call.programme.id, programme_name: call.programme.name });
  }
  return out;
}
