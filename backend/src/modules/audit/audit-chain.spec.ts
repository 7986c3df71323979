import { canonicalJson, ChainedFields, chainHash, toJsonValue, unkeyedChainHash } from './audit-chain';

const KEY = 'a-key-of-the-audit-chain-for-unit-tests';
const hash = (prev: string | null, e: ChainedFields) => chainHash(KEY, prev, e);

const event: ChainedFields = {
  id: '6a1f5c1e-0000-4000-8000-000000000001',
  regionId: 'region',
  occurredAt: new Date('2025-04-17T08:00:00.123Z'),
  actorUserId: 'user',
  actorName: 'Maria Nilsson',
  requestId: 'req-1',
  action: 'dispensation.approve',
  entityType: 'dispensation',
  entityId: 'd-1',
  before: { status: 'UNDER_REVIEW', step: 1 },
  after: { status: 'APPROVED', caps: { hours: '320.00' } },
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for the same value whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});

describe('chainHash', () => {
  it('is stable for the same event and previous hash', () => {
    expect(hash('a'.repeat(64), event)).toBe(hash('a'.repeat(64), { ...event }));
    expect(hash(null, event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field or the previous hash changes', () => {
    const base = hash(null, event);
    expect(hash('b'.repeat(64), event)).not.toBe(base);
    expect(hash(null, { ...event, actorName: 'Per Holm' })).not.toBe(base);
    expect(hash(null, { ...event, after: { status: 'REJECTED', caps: { hours: '320.00' } } })).not.toBe(base);
    expect(hash(null, { ...event, occurredAt: new Date('2025-04-17T08:00:00.124Z') })).not.toBe(base);
  });

  it('survives a round trip through JSON (as jsonb stores it)', () => {
    const stored = {
      ...event,
      before: toJsonValue(event.before),
      after: JSON.parse(JSON.stringify(event.after)),
    };
    expect(hash(null, stored)).toBe(hash(null, event));
  });

  it('is keyed: another key or the unkeyed hash of the same text differs', () => {
    expect(chainHash(`${KEY}-other`, null, event)).not.toBe(hash(null, event));
    expect(unkeyedChainHash(null, event)).not.toBe(hash(null, event));
    expect(unkeyedChainHash(null, event)).toMatch(/^[0-9a-f]{64}$/);
  });
});
