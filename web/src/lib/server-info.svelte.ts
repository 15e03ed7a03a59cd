// What the whole page shows about the server (the footer's version), loaded once
// and refreshed whenever the status page fetches the status again.
import { getStatus, type SystemStatus } from './api/system';

const info = $state<{ version: string | null }>({ version: null });

export function serverVersion(): string | null {
  return info.version;
}

export function rememberStatus(status: SystemStatus): void {
  info.version = status.version;
}

export async function loadServerInfo(): Promise<void> {
  try {
    rememberStatus(await getStatus());
  } catch {
    // The footer then says the version is unknown; the status page explains why.
  }
}
