// Whether the person signed in takes part in a programme (GET
// /api/v1/me/participations has items): the header then links "My
// programme". Asked once per account, again after the page changes them
// (accepting an offer makes a participant).
import * as api from './api/participants';

const state = $state<{ account: string; count: number }>({ account: '', count: 0 });
let asked = '';

export function hasParticipations(): boolean {
  return state.count > 0;
}

/** Asks the server for this account, unless it was asked already (`again` asks anyway). */
export async function checkParticipations(accountId: string, again = false): Promise<void> {
  if (!accountId) {
    state.account = '';
    state.count = 0;
    asked = '';
    return;
  }
  if (asked === accountId && !again) return;
  asked = accountId;
  try {
    const items = (await api.myParticipations()).items;
    if (asked === accountId) {
      state.account = accountId;
      state.count = items.length;
    }
  } catch {
    // Offline or refused: the link stays as it was; /my-programme still answers.
  }
}

/** Called by the programme page with what it read (keeps the header in step without another request). */
export function setParticipationCount(accountId: string, count: number): void {
  asked = accountId;
  state.account = accountId;
  state.count = count;
}
