// A trainer's side of activities (docs/api/programme.md, "Activities"): the
// activities the signed-in person trains, in organisations where they still
// hold a role, and one activity with its programme and intake names. The
// staff routes and the attendance routes are in participants.ts.
import { request } from './client';
import type { Activity } from './participants';

export interface ActivityView extends Activity {
  programme_name: string;
  intake_name: string;
  /** Whether the person asking may take its attendance (staff, or its trainer). */
  takes_attendance: boolean;
}

/** The activities the signed-in person trains, by start. */
export const myActivities = () => request<{ items: ActivityView[] }>('/api/v1/me/activities');

/** Staff, the activity's trainer, the intake's participants. */
export const getActivity = (id: string) => request<ActivityView>(`/api/v1/activities/${encodeURIComponent(id)}`);
