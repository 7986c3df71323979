import { AuditEntity, DispensationPolicy, FieldErrorCode } from '@hyrkoll/contracts';
import { DEFAULT_POLICY } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { areasOfRegion, insertPolicy, storedPolicy, updatePolicy } from './policy.queries';

/** The policy a region works under: what it stored over the defaults, the defaults when it stored none. */
export function effectivePolicy(stored: Partial<DispensationPolicy> | null): DispensationPolicy {
  return stored ? { ...DEFAULT_POLICY, ...stored } : DEFAULT_POLICY;
}

/** Each region's dispensation policy: which rules apply, thresholds, reminders. Audited. */
@Injectable()
export class PolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(regionId: string, m: EntityManager = this.dataSource.manager): Promise<DispensationPolicy> {
    return (await this.getVersioned(regionId, m)).policy;
  }

  async getVersioned(
    regionId: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<{ version: number; policy: DispensationPolicy }> {
    const row = await storedPolicy(m, regionId);
    return row
      ? { version: row.version, policy: effectivePolicy(row.policy) }
      : { version: 0, policy: DEFAULT_POLICY };
  }

  async update(
    actor: Actor,
    version: number,
    policy: DispensationPolicy,
  ): Promise<{ version: number; policy: DispensationPolicy }> {
    return this.dataSource.transaction(async (m) => {
      const areaIds = [...new Set(policy.hiringStop.areaIds.map((id) => id.toLowerCase()))];
      await this.checkAreas(m, actor.regionId, areaIds);
      const stored = { ...policy, hiringStop: { ...policy.hiringStop, areaIds } };
      const before = await this.getVersioned(actor.regionId, m);
      const affected =
        version === 0
          ? await insertPolicy(m, actor.regionId, stored)
          : await updatePolicy(m, actor.regionId, version, stored);
      if (affected === 0) {
        throw DomainError.stale(
          'policy',
          `The policy was changed by someone else: version is now ${before.version}, not ${version}`,
          { version: before.version },
        );
      }
      const after = await this.getVersioned(actor.regionId, m);
      await this.audit.record(m, actor, {
        action: 'policy.update',
        entityType: AuditEntity.POLICY,
        entityId: actor.regionId,
        before: before.policy,
        after: after.policy,
      });
      return after;
    });
  }

  /** A hiring stop by area names areas of the region itself. */
  private async checkAreas(m: EntityManager, regionId: string, areaIds: string[]): Promise<void> {
    if (areaIds.length === 0) return;
    const known = await areasOfRegion(m, regionId, areaIds);
    const unknown = areaIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw DomainError.validation([
        {
          field: 'policy.hiringStop.areaIds',
          code: FieldErrorCode.UNKNOWN_REFERENCE,
          params: { ids: unknown },
          message: `no such area in the region: ${unknown.join(', ')}`,
        },
      ]);
    }
  }
}
