import { createHash, createHmac } from 'node:crypto';

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

/** The text a row's hash covers: the previous hash and every field of the event, in a fixed order. */
function chainText(prevHash: string | null, e: ChainedFields): string {
  return canonicalJson([
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
}

/**
 * HMAC-SHA256 (hex) of the previous hash and the event, keyed with AUDIT_CHAIN_KEY (decision
 * 022): without the key nobody can compute the hash of a changed or invented row.
 */
export function chainHash(key: string, prevHash: string | null, e: ChainedFields): string {
  return createHmac('sha256', key).update(chainText(prevHash, e)).digest('hex');
}

/**
 * The unkeyed SHA-256 of the rows written before the chain was keyed (decisions 008 and 022):
 * accepted only at the start of a region's chain, before its first keyed row.
 */
export function unkeyedChainHash(prevHash: string | null, e: ChainedFields): string {
  return createHash('sha256').update(chainText(prevHash, e)).digest('hex');
}
