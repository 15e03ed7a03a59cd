// Whether the person signed in can see a network (GET /api/v1/networks has
// items): the header then links "Networks". Platform administrators always
// see it (they create networks). Asked once per account, again after the
// networks page read the list.
import * as api from './api/networks';

const state = $state<{ count: number }>({ count: 0 });
let asked = '';

export function seesNetworks(): boolean {
  return state.count > 0;
}

/** Asks the server for this account, unless it was asked already. */
export async function checkNetworks(accountId: string): Promise<void> {
  if (!accountId) {
    state.count = 0;
    asked = '';
    return;
  }
  if (asked === accountId) return;
  asked = accountId;
  try {
    const items = (await api.listNetworks()).items;
    if (asked === accountId) state.count = items.length;
  } catch {
    // Offline or refused: the link stays as it was; /networks still answers.
  }
}

/** Called by the networks page with what it read (keeps the header in step without another request). */
export function setNetworkCount(accountId: string, count: number): void {
  asked = accountId;
  state.count = count;
}
