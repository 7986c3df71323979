import type { EntityManager } from 'typeorm';

import { eventsAfter, eventsAt } from './audit.queries';
import { chainHash, unkeyedChainHash } from './audit-chain';
import type { ExportedHead } from './audit-heads';

export interface ChainBreak {
  regionId: string;
  seq: string;
  reason: string;
}

export interface Verification {
  events: number;
  regions: number;
  /** Exported heads checked (each distinct one once). */
  heads: number;
  breaks: ChainBreak[];
}

interface RegionChain {
  prev: string | null;
  keyed: boolean;
  lastSeq: string;
}

/**
 * Recomputes every region's chain from the stored rows (decisions 008 and 022), in pages so that
 * a long trail fits in memory. Each row must link to the previous one of its region and carry
 * the HMAC of its content under `key`; only rows before a region's first keyed row may carry the
 * unkeyed SHA-256 of the time before the key, and a chain without any keyed row is reported
 * (a rebuild without the key would look like that). Then each exported head must still be on
 * the chain, unchanged: a chain rebuilt with the key but diverging from it is found there.
 */
export async function verifyAuditTrail(
  m: EntityManager,
  key: string,
  heads: readonly ExportedHead[] = [],
  pageSize = 5000,
): Promise<Verification> {
  const breaks: ChainBreak[] = [];
  const chains = new Map<string, RegionChain>();
  let events = 0;
  let afterSeq = '0';
  for (;;) {
    const page = await eventsAfter(m, afterSeq, pageSize);
    if (page.length === 0) break;
    for (const e of page) {
      const chain = chains.get(e.regionId) ?? { prev: null, keyed: false, lastSeq: e.seq };
      const broken = (reason: string) => breaks.push({ regionId: e.regionId, seq: e.seq, reason });
      if (e.prevHash !== chain.prev) broken('link to the previous event does not match');
      if (chainHash(key, e.prevHash, e) === e.hash) chain.keyed = true;
      else if (chain.keyed || unkeyedChainHash(e.prevHash, e) !== e.hash) {
        broken('content does not match its hash');
      }
      chains.set(e.regionId, { ...chain, prev: e.hash, lastSeq: e.seq });
      events++;
    }
    afterSeq = page[page.length - 1]?.seq ?? afterSeq;
  }
  for (const [regionId, chain] of chains) {
    if (!chain.keyed) {
      breaks.push({ regionId, seq: chain.lastSeq, reason: 'no event of the chain carries the keyed hash' });
    }
  }
  const distinct = [...new Map(heads.map((h) => [`${h.seq}:${h.hash}`, h])).values()];
  const stored = new Map(
    (await eventsAt(m, [...new Set(distinct.map((h) => h.seq))])).map((e) => [e.seq, e]),
  );
  for (const head of distinct) {
    const row = stored.get(head.seq);
    if (!row || row.id !== head.id || row.hash !== head.hash || row.regionId !== head.regionId) {
      breaks.push({
        regionId: head.regionId,
        seq: head.seq,
        reason: `the head exported at ${head.exportedAt} is no longer on the chain`,
      });
    }
  }
  return { events, regions: chains.size, heads: distinct.length, breaks };
}
