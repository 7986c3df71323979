import { AuditEntity, ErrorCode, FormerEmployeeDto } from '@hyrkoll/contracts';
import { addMonthsToDate, swedishDate } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { IdentityHasher } from '../../common/identity-hasher';
import { RateLimiter, RateRule } from '../../common/redis/rate-limiter';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../policy/policy.service';
import {
  deleteFormerEmployee,
  employmentEndOf,
  employmentOf,
  FormerEmployeeRow,
  formerEmployeesOfRegion,
  insertFormerEmployee,
  lockFormerEmployee,
  updateEmploymentEndedOn,
} from './agreement.queries';

/**
 * Karens checks one user may make a minute: enough for a purchaser checking the consultants of
 * a day's bids, far too few to find a masked number by trying (docs/reliability.md).
 */
export const KARENS_CHECKS: RateRule = {
  name: 'karens-check',
  limit: 30,
  windowSeconds: 60,
  code: ErrorCode.TOO_MANY_KARENS_CHECKS,
  message: 'Too many karens checks in a short time; try again after Retry-After seconds',
  withoutRedis: 'refuse',
};

/**
 * The register of people who recently worked for the region, for the karens rule. Only a
 * keyed hash and a masked form of each identity number are stored.
 */
@Injectable()
export class FormerEmployeesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: IdentityHasher,
    private readonly audit: AuditService,
    private readonly policies: PolicyService,
    private readonly limiter: RateLimiter,
  ) {}

  async list(regionId: string): Promise<FormerEmployeeDto[]> {
    const months = (await this.policies.get(regionId)).karens.months;
    const rows = await formerEmployeesOfRegion(this.dataSource, regionId);
    return rows.map((r) => this.toDto(r, months));
  }

  /**
   * Registers a former employee. The register holds each person once: registering someone who is
   * already there is not a new entry (`created: false`, answered 200 with the row) and keeps the
   * later of the two end dates, so a person employed again and leaving later gets the longer
   * karens. A moved end date is audited as `former-employee.update`, an unchanged one as
   * `former-employee.register-existing`. Since the answer tells whether the person was in the
   * register, each registration counts as a karens check (KARENS_CHECKS) and every outcome is
   * audited with the keyed identity hash.
   */
  async register(
    actor: Actor,
    identityNumber: string,
    employmentEndedOn: string,
  ): Promise<{ formerEmployee: FormerEmployeeDto; created: boolean }> {
    const { hash, masked } = this.hasher.protect(identityNumber, 'identityNumber');
    await this.countCheck(actor);
    const identityHash = hash.toString('hex');
    const months = (await this.policies.get(actor.regionId)).karens.months;
    return this.dataSource.transaction(async (m) => {
      const inserted = await insertFormerEmployee(m, {
        regionId: actor.regionId,
        identityHash: hash,
        identityMasked: masked,
        employmentEndedOn,
      });
      if (inserted) {
        const dto = this.toDto(inserted, months);
        await this.audit.record(m, actor, {
          action: 'former-employee.register',
          entityType: AuditEntity.FORMER_EMPLOYEE,
          entityId: dto.id,
          after: { ...dto, identityHash, registered: false },
        });
        return { formerEmployee: dto, created: true };
      }
      // already registered (a concurrent first registration included: its row is committed now)
      const existing = await lockFormerEmployee(m, actor.regionId, hash);
      const before = this.toDto(existing as FormerEmployeeRow, months);
      if (employmentEndedOn <= before.employmentEndedOn) {
        await this.audit.record(m, actor, {
          action: 'former-employee.register-existing',
          entityType: AuditEntity.FORMER_EMPLOYEE,
          entityId: before.id,
          after: { ...before, identityHash, registered: true, employmentEndedOnGiven: employmentEndedOn },
        });
        return { formerEmployee: before, created: false };
      }
      const updated = await updateEmploymentEndedOn(m, before.id, employmentEndedOn);
      const after = this.toDto(updated as FormerEmployeeRow, months);
      await this.audit.record(m, actor, {
        action: 'former-employee.update',
        entityType: AuditEntity.FORMER_EMPLOYEE,
        entityId: after.id,
        before,
        after: { ...after, identityHash, registered: true },
      });
      return { formerEmployee: after, created: false };
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const row = await deleteFormerEmployee(m, actor.regionId, id);
      if (!row) throw DomainError.notFound('Former employee', id);
      await this.audit.record(m, actor, {
        action: 'former-employee.remove',
        entityType: AuditEntity.FORMER_EMPLOYEE,
        entityId: id,
        before: row,
      });
    });
  }

  /**
   * Whether the person is within karens on `on` (default: today in Sweden). Each check is
   * audited with its outcome, the person named by the keyed hash of the number only; the caller
   * is limited to KARENS_CHECKS per minute (docs/reliability.md, "Karens check").
   */
  async check(
    actor: Actor,
    identityNumber: string,
    on?: string,
  ): Promise<{ inKarens: boolean; karensUntil: string | null }> {
    const { hash } = this.hasher.protect(identityNumber, 'identityNumber');
    await this.countCheck(actor);
    const day = on ?? swedishDate(new Date());
    return this.dataSource.transaction(async (m) => {
      const found = await employmentOf(m, actor.regionId, hash);
      const karensUntil = found
        ? addMonthsToDate(found.ended, (await this.policies.get(actor.regionId)).karens.months)
        : null;
      const outcome = { inKarens: karensUntil !== null && day <= karensUntil, karensUntil };
      await this.audit.record(m, actor, {
        action: 'former-employee.check',
        entityType: AuditEntity.FORMER_EMPLOYEE,
        entityId: found?.id ?? `identity-hash-${hash.toString('hex')}`,
        after: {
          identityHash: hash.toString('hex'),
          on: day,
          registered: found !== undefined,
          ...outcome,
        },
      });
      return outcome;
    });
  }

  /**
   * Counts one answer to "is this person in the register" against the caller's KARENS_CHECKS:
   * the check, a registration and a bid's consultant share the one limit, so no route gets round it.
   */
  async countCheck(actor: Actor): Promise<void> {
    await this.limiter.take(KARENS_CHECKS, actor.userId ?? actor.name);
  }

  /** The end of the person's employment with the region, if they are in the register. */
  async employmentEndedOn(m: EntityManager, regionId: string, identityHash: Buffer): Promise<string | null> {
    return employmentEndOf(m, regionId, identityHash);
  }

  private toDto(r: FormerEmployeeRow, months: number): FormerEmployeeDto {
    return {
      id: r.id,
      identityMasked: r.identity_masked,
      employmentEndedOn: r.employment_ended_on,
      karensUntil: addMonthsToDate(r.employment_ended_on, months),
    };
  }
}
