import { AuditEntity } from '@hyrkoll/contracts';
import type { DataSource } from 'typeorm';

import { systemActor } from '../../common/auth/auth-user';
import { chainHeads, lockedHeadOf } from './audit.queries';
import type { AuditService } from './audit.service';
import { chainHash, unkeyedChainHash } from './audit-chain';
import type { AuditEvent } from './audit-event.entity';

/** Whether the row carries the unkeyed hash of the time before the key (and not the keyed one). */
function isUnkeyed(key: string, e: AuditEvent): boolean {
  return chainHash(key, e.prevHash, e) !== e.hash && unkeyedChainHash(e.prevHash, e) === e.hash;
}

/**
 * `cli.js audit:seal`, run once when the chain becomes keyed (decision 022): every region whose
 * newest event still carries the unkeyed hash gets a keyed event `audit-chain.keyed` whose HMAC
 * covers that hash, so that the rows before it can no longer be rewritten unnoticed. A region
 * with activity since then needs none: its first keyed event seals it. Not automatic: a chain
 * rewritten without the key must stay visible to `audit:verify`, not be sealed by a job.
 */
export async function sealUnkeyedChains(
  dataSource: DataSource,
  audit: AuditService,
  key: string,
): Promise<number> {
  let sealed = 0;
  for (const newest of await chainHeads(dataSource.manager)) {
    if (!isUnkeyed(key, newest)) continue;
    const done = await dataSource.transaction(async (m) => {
      const head = await lockedHeadOf(m, newest.regionId);
      if (!head || !isUnkeyed(key, head)) return false;
      await audit.record(m, systemActor(head.regionId, 'audit chain key', null), {
        action: 'audit-chain.keyed',
        entityType: AuditEntity.AUDIT_CHAIN,
        entityId: head.regionId,
        after: { lastUnkeyedSeq: head.seq, lastUnkeyedHash: head.hash },
      });
      return true;
    });
    if (done) sealed++;
  }
  return sealed;
}
