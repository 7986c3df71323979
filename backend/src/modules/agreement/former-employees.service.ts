import { AuditEntity, FormerEmployeeDto } from '@hyrkoll/contracts';
import { addMonthsToDate, swedishDate } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { IdentityHasher } from '../../common/identity-hasher';
import { execute } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { PolicyService } from '../policy/policy.service';

interface Row {
  id: string;
  identity_masked: string;
  employment_ended_on: string;
}

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
  ) {}

  async list(regionId: string): Promise<FormerEmployeeDto[]> {
    const months = (await this.policies.get(regionId)).karens.months;
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id, identity_masked, to_char(employment_ended_on, 'YYYY-MM-DD') AS employment_ended_on
         FROM former_employees WHERE region_id = $1 ORDER BY employment_ended_on DESC`,
      [regionId],
    );
    return rows.map((r) => this.toDto(r, months));
  }

  /**
   * Registers a former employee. The register holds each person once: registering someone who is
   * already there is not a new entry (`created: false`, answered 200 with the row) and keeps the
   * later of the two end dates, so a person employed again and leaving later gets the longer
   * karens. A moved end date is audited as `former-employee.update`; an unchanged one writes
   * nothing.
   */
  async register(
    actor: Actor,
    identityNumber: string,
    employmentEndedOn: string,
  ): Promise<{ formerEmployee: FormerEmployeeDto; created: boolean }> {
    const { hash, masked } = this.hasher.protect(identityNumber, 'identityNumber');
    const months = (await this.policies.get(actor.regionId)).karens.months;
    return this.dataSource.transaction(async (m) => {
      const {
        rows: [inserted],
      } = await execute<Row>(
        m,
        `INSERT INTO former_employees (region_id, identity_hash, identity_masked, employment_ended_on) VALUES ($1, $2, $3, $4)
         ON CONFLICT (region_id, identity_hash) DO NOTHING
         RETURNING id, identity_masked, to_char(employment_ended_on, 'YYYY-MM-DD') AS employment_ended_on`,
        [actor.regionId, hash, masked, employmentEndedOn],
      );
      if (inserted) {
        const dto = this.toDto(inserted, months);
        await this.audit.record(m, actor, {
          action: 'former-employee.register',
          entityType: AuditEntity.FORMER_EMPLOYEE,
          entityId: dto.id,
          after: dto,
        });
        return { formerEmployee: dto, created: true };
      }
      // already registered (a concurrent first registration included: its row is committed now)
      const {
        rows: [existing],
      } = await execute<Row>(
        m,
        `SELECT id, identity_masked, to_char(employment_ended_on, 'YYYY-MM-DD') AS employment_ended_on
           FROM former_employees WHERE region_id = $1 AND identity_hash = $2 FOR UPDATE`,
        [actor.regionId, hash],
      );
      const before = this.toDto(existing as Row, months);
      if (employmentEndedOn <= before.employmentEndedOn) return { formerEmployee: before, created: false };
      const {
        rows: [updated],
      } = await execute<Row>(
        m,
        `UPDATE former_employees SET employment_ended_on = $2 WHERE id = $1
         RETURNING id, identity_masked, to_char(employment_ended_on, 'YYYY-MM-DD') AS employment_ended_on`,
        [before.id, employmentEndedOn],
      );
      const after = this.toDto(updated as Row, months);
      await this.audit.record(m, actor, {
        action: 'former-employee.update',
        entityType: AuditEntity.FORMER_EMPLOYEE,
        entityId: after.id,
        before,
        after,
      });
      return { formerEmployee: after, created: false };
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const { rows } = await execute<Row>(
        m,
        `DELETE FROM former_employees WHERE id = $1 AND region_id = $2
         RETURNING id, identity_masked, to_char(employment_ended_on, 'YYYY-MM-DD') AS employment_ended_on`,
        [id, actor.regionId],
      );
      const row = rows[0];
      if (!row) throw DomainError.notFound('Former employee', id);
      await this.audit.record(m, actor, {
        action: 'former-employee.remove',
        entityType: AuditEntity.FORMER_EMPLOYEE,
        entityId: id,
        before: row,
      });
    });
  }

  /** Whether the person is within karens on `on` (default: today in Sweden). */
  async check(
    regionId: string,
    identityNumber: string,
    on?: string,
  ): Promise<{ inKarens: boolean; karensUntil: string | null }> {
    const { hash } = this.hasher.protect(identityNumber, 'identityNumber');
    const ended = await this.employmentEndedOn(this.dataSource.manager, regionId, hash);
    if (!ended) return { inKarens: false, karensUntil: null };
    const karensUntil = addMonthsToDate(ended, (await this.policies.get(regionId)).karens.months);
    return { inKarens: (on ?? swedishDate(new Date())) <= karensUntil, karensUntil };
  }

  /** The end of the person's employment with the region, if they are in the register. */
  async employmentEndedOn(m: EntityManager, regionId: string, identityHash: Buffer): Promise<string | null> {
    const [row] = await m.query<{ ended: string }[]>(
      `SELECT to_char(employment_ended_on, 'YYYY-MM-DD') AS ended FROM former_employees WHERE region_id = $1 AND identity_hash = $2`,
      [regionId, identityHash],
    );
    return row?.ended ?? null;
  }

  private toDto(r: Row, months: number): FormerEmployeeDto {
    return {
      id: r.id,
      identityMasked: r.identity_masked,
      employmentEndedOn: r.employment_ended_on,
      karensUntil: addMonthsToDate(r.employment_ended_on, months),
    };
  }
}
