// Mirrors the server's system routes: /healthz, /readyz, /api/v1/status.
import { ApiError, get } from './client';

export interface Health {
  status: 'ok';
}

export interface Readiness {
  status: 'ready';
}

export interface DatabaseStatus {
  engine: string;
  ready: boolean;
  schema_version: number;
}

export interface SystemStatus {
  version: string;
  database: DatabaseStatus;
  /** RFC 3339, UTC. */
  started_at: string;
  uptime_seconds: number;
}

/** 200 while the process is up. */
export function getHealth(signal?: AbortSignal): Promise<Health> {
  return get<Health>('/healthz', signal);
}

/** 200 when the database is reachable; otherwise an ApiError with status 503. */
export function getReadiness(signal?: AbortSignal): Promise<Readiness> {
  return get<Readiness>('/readyz', signal);
}

/** Always 200 while the process is up; `database.ready` tells whether the database answers. */
export async function getStatus(signal?: AbortSignal): Promise<SystemStatus> {
  const body = await get<unknown>('/api/v1/status', signal);
  if (!isSystemStatus(body)) {
    throw new ApiError('invalid_response', 'Unexpected /api/v1/status body', 200);
  }
  return body;
}

function isSystemStatus(value: unknown): value is SystemStatus {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const db = v.database as Record<string, unknown> | null | undefined;
  return (
    typeof v.version === 'string' &&
    typeof v.started_at === 'string' &&
    typeof v.uptime_seconds === 'number' &&
    typeof db === 'object' &&
    db !== null &&
    typeof db.engine === 'string' &&
    typeof db.ready === 'boolean' &&
    typeof db.schema_version === 'number'
  );
}
