import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Turns a value into what JSON (and jsonb) keeps of it: dates to ISO strings, no undefined. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export interface ChainedFields {
  id: string;
  regionId: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorName: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** SHA-256 (hex) of the previous hash and every field of the event, in a fixed order. */
export function chainHash(prevHash: string | null, e: ChainedFields): string {
  const text = canonicalJson([
    prevHash,
    e.id,
    e.regionId,
    e.occurredAt.toISOString(),
    e.actorUserId,
    e.actorName,
    e.requestId,
    e.action,
    e.entityType,
    e.entityId,
    e.before ?? null,
    e.after ?? null,
  ]);
  return createHash('sha256').update(text).digest('hex');
}
