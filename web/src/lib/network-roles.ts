// Who may do what in a network's templates and yearly reports, from the
// roles of the person signed in (docs/api/networks.md): a member
// organisation's administrators and coordinators adopt templates and file its
// report; the year's chair organisation's set that year's report form.
import type { Network } from './api/networks';
import { account } from './session.svelte';

const RUNNING_ROLES = ['organisation_admin', 'coordinator'];

/** Whether the person signed in is an administrator or coordinator of this organisation. */
export function runsOrganisation(organisationId: string | undefined): boolean {
  if (!organisationId) return false;
  return (account()?.memberships ?? []).some((m) => m.organisation_id === organisationId && RUNNING_ROLES.includes(m.role));
}

/** The network's members the person signed in runs (administers or coordinates), by name. */
export function membersRun(network: Network): { value: string; label: string }[] {
  return network.members.filter((m) => runsOrganisation(m.organisation_id)).map((m) => ({ value: m.organisation_id, label: m.name }));
}

/** The organisation chairing the network in `year`, if any. */
export function chairOf(network: Network, year: number) {
  return network.chairs.find((c) => c.year === year);
}
