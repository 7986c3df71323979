import {
  AuditEntity,
  CompetenceLevel,
  ErrorCode,
  isLevelOf,
  Lot,
  PriceDto,
  PriceZone,
  Profession,
  SupplierDto,
  TravelAllowanceDto,
} from '@hyrkoll/contracts';
import { addDays, normaliseOrganisationNumber } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { isExclusionViolation, isUniqueViolation } from '../../database/pg-errors';
import { execute } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import type {
  CreatePriceBody,
  CreateSupplierBody,
  CreateTravelAllowanceBody,
  PriceQuery,
  UpdateSupplierBody,
} from './dto/agreement.dto';

interface SupplierRow {
  id: string;
  organisation_number: string;
  name: string;
  lots: Lot[];
  status: 'ACTIVE' | 'QUARANTINED';
  quarantine_reason: string | null;
  version: number;
}

const toSupplier = (r: SupplierRow): SupplierDto => ({
  id: r.id,
  organisationNumber: r.organisation_number,
  name: r.name,
  lots: r.lots,
  status: r.status,
  quarantineReason: r.quarantine_reason,
  version: r.version,
});

const PRICE_COLUMNS = `id, profession, competence_level AS "competenceLevel", price_zone AS "priceZone",
  hourly_rate AS "hourlyRate", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo", illustrative`;

const ALLOWANCE_COLUMNS = `id, amount_per_week AS "amountPerWeek", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;

/** SQL: the row of `table` (a name or alias) with validity dates covers the day `day` (a parameter). */
export function validOn(table: string, day: string): string {
  return `${day}::date BETWEEN ${table}.valid_from AND COALESCE(${table}.valid_to, 'infinity')`;
}

/** The agreement data a purchaser keeps: suppliers, prices, travel allowance, zones. Audited. */
@Injectable()
export class AgreementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async listSuppliers(regionId: string): Promise<SupplierDto[]> {
    const rows = await this.dataSource.query<SupplierRow[]>(
      'SELECT * FROM suppliers WHERE region_id = $1 ORDER BY name',
      [regionId],
    );
    return rows.map(toSupplier);
  }

  async createSupplier(actor: Actor, body: CreateSupplierBody): Promise<SupplierDto> {
    const organisationNumber = normaliseOrganisationNumber(body.organisationNumber);
    if (!organisationNumber) {
      throw DomainError.validation([
        {
          field: 'organisationNumber',
          message: 'organisationNumber must be a valid Swedish organisation number',
        },
      ]);
    }
    try {
      return await this.dataSource.transaction(async (m) => {
        const [row] = await m.query<SupplierRow[]>(
          `INSERT INTO suppliers (region_id, organisation_number, name, lots) VALUES ($1, $2, $3, $4) RETURNING *`,
          [actor.regionId, organisationNumber, body.name.trim(), [...new Set(body.lots)]],
        );
        const supplier = toSupplier(row as SupplierRow);
        await this.audit.record(m, actor, {
          action: 'supplier.create',
          entityType: AuditEntity.SUPPLIER,
          entityId: supplier.id,
          after: supplier,
        });
        return supplier;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'suppliers_region_id_organisation_number_key')) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `A supplier with organisation number ${organisationNumber} already exists`,
          [{ field: 'organisationNumber', message: 'already registered' }],
        );
      }
      throw error;
    }
  }

  async updateSupplier(actor: Actor, id: string, body: UpdateSupplierBody): Promise<SupplierDto> {
    return this.dataSource.transaction(async (m) => {
      const [current] = await m.query<SupplierRow[]>(
        'SELECT * FROM suppliers WHERE id = $1 AND region_id = $2',
        [id, actor.regionId],
      );
      if (!current) throw DomainError.notFound('Supplier', id);
      const status = body.status ?? current.status;
      const reason = status === 'ACTIVE' ? null : (body.quarantineReason ?? current.quarantine_reason);
      if (status === 'QUARANTINED' && !reason) {
        throw DomainError.validation([
          { field: 'quarantineReason', message: 'quarantineReason is required to quarantine a supplier' },
        ]);
      }
      const { rows } = await execute<SupplierRow>(
        m,
        `UPDATE suppliers SET name = $4, lots = $5, status = $6, quarantine_reason = $7, version = version + 1, updated_at = now()
          WHERE id = $1 AND region_id = $2 AND version = $3 RETURNING *`,
        [
          id,
          actor.regionId,
          body.version,
          body.name?.trim() ?? current.name,
          body.lots ? [...new Set(body.lots)] : current.lots,
          status,
          reason,
        ],
      );
      if (!rows[0]) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `The supplier was changed by someone else: version is now ${current.version}, not ${body.version}`,
        );
      }
      const after = toSupplier(rows[0]);
      await this.audit.record(m, actor, {
        action:
          status !== current.status
            ? status === 'QUARANTINED'
              ? 'supplier.quarantine'
              : 'supplier.reinstate'
            : 'supplier.update',
        entityType: AuditEntity.SUPPLIER,
        entityId: id,
        before: toSupplier(current),
        after,
      });
      return after;
    });
  }

  async listPrices(regionId: string, query: PriceQuery): Promise<PriceDto[]> {
    return this.dataSource.query<PriceDto[]>(
      `SELECT ${PRICE_COLUMNS} FROM price_list
        WHERE region_id = $1 AND ($2::text IS NULL OR profession = $2)
          AND ($3::date IS NULL OR $3::date BETWEEN valid_from AND COALESCE(valid_to, 'infinity'))
        ORDER BY profession, competence_level, price_zone, valid_from`,
      [regionId, query.profession ?? null, query.on ?? null],
    );
  }

  /**
   * Adds a price. An open-ended price of the same key that starts earlier is closed the day
   * before the new one starts; any other overlap is refused with 409.
   */
  async createPrice(actor: Actor, body: CreatePriceBody): Promise<PriceDto> {
    if (!isLevelOf(body.profession, body.competenceLevel)) {
      throw DomainError.validation([
        { field: 'competenceLevel', message: `${body.competenceLevel} is not a level of ${body.profession}` },
      ]);
    }
    if (body.validTo && body.validTo < body.validFrom) {
      throw DomainError.validation([{ field: 'validTo', message: 'validTo must not be before validFrom' }]);
    }
    return this.versioned(
      actor,
      'price_list',
      `region_id = $1 AND profession = $3 AND competence_level = $4 AND price_zone = $5`,
      [body.profession, body.competenceLevel, body.priceZone],
      body.validFrom,
      async (m) => {
        const [row] = await m.query<PriceDto[]>(
          `INSERT INTO price_list (region_id, profession, competence_level, price_zone, hourly_rate, valid_from, valid_to)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PRICE_COLUMNS}`,
          [
            actor.regionId,
            body.profession,
            body.competenceLevel,
            body.priceZone,
            body.hourlyRate,
            body.validFrom,
            body.validTo ?? null,
          ],
        );
        return row as PriceDto;
      },
      { action: 'price.create', entityType: AuditEntity.PRICE, what: 'price' },
    );
  }

  async listTravelAllowances(regionId: string): Promise<TravelAllowanceDto[]> {
    return this.dataSource.query<TravelAllowanceDto[]>(
      `SELECT ${ALLOWANCE_COLUMNS} FROM travel_allowances WHERE region_id = $1 ORDER BY valid_from`,
      [regionId],
    );
  }

  async createTravelAllowance(actor: Actor, body: CreateTravelAllowanceBody): Promise<TravelAllowanceDto> {
    if (body.validTo && body.validTo < body.validFrom) {
      throw DomainError.validation([{ field: 'validTo', message: 'validTo must not be before validFrom' }]);
    }
    return this.versioned(
      actor,
      'travel_allowances',
      'region_id = $1',
      [],
      body.validFrom,
      async (m) => {
        const [row] = await m.query<TravelAllowanceDto[]>(
          `INSERT INTO travel_allowances (region_id, amount_per_week, valid_from, valid_to) VALUES ($1, $2, $3, $4)
           RETURNING ${ALLOWANCE_COLUMNS}`,
          [actor.regionId, body.amountPerWeek, body.validFrom, body.validTo ?? null],
        );
        return row as TravelAllowanceDto;
      },
      {
        action: 'travel-allowance.create',
        entityType: AuditEntity.TRAVEL_ALLOWANCE,
        what: 'travel allowance',
      },
    );
  }

  async setPriceZone(
    actor: Actor,
    code: string,
    priceZone: PriceZone,
  ): Promise<{ code: string; name: string; priceZone: PriceZone }> {
    return this.dataSource.transaction(async (m) => {
      const [before] = await m.query<
        { id: string; name: string; price_zone: number; price_zone_illustrative: boolean }[]
      >(
        'SELECT id, name, price_zone, price_zone_illustrative FROM municipalities WHERE code = $1 AND region_id = $2 FOR UPDATE',
        [code, actor.regionId],
      );
      if (!before) throw DomainError.notFound('Municipality', code);
      await m.query(
        'UPDATE municipalities SET price_zone = $2, price_zone_illustrative = false WHERE id = $1',
        [before.id, priceZone],
      );
      await this.audit.record(m, actor, {
        action: 'municipality.set-price-zone',
        entityType: AuditEntity.MUNICIPALITY,
        entityId: code,
        before: { priceZone: before.price_zone, illustrative: before.price_zone_illustrative },
        after: { priceZone, illustrative: false },
      });
      return { code, name: before.name, priceZone };
    });
  }

  /** The tariff (SEK/h) for a profession, level and zone on a day; null when none is valid. */
  async tariff(
    m: EntityManager,
    regionId: string,
    profession: Profession,
    level: CompetenceLevel,
    zone: PriceZone,
    on: string,
  ): Promise<string | null> {
    const [row] = await m.query<{ hourly_rate: string }[]>(
      `SELECT hourly_rate FROM price_list
        WHERE region_id = $1 AND profession = $2 AND competence_level = $3 AND price_zone = $4
          AND ${validOn('price_list', '$5')}`,
      [regionId, profession, level, zone, on],
    );
    return row?.hourly_rate ?? null;
  }

  /** The travel allowance per started week valid on a day, or null when the region has none. */
  async travelAllowance(m: EntityManager, regionId: string, on: string): Promise<string | null> {
    const [row] = await m.query<{ amount_per_week: string }[]>(
      `SELECT amount_per_week FROM travel_allowances WHERE region_id = $1 AND ${validOn('travel_allowances', '$2')}`,
      [regionId, on],
    );
    return row?.amount_per_week ?? null;
  }

  /** Inserts a validity-period row, closing an open-ended predecessor; audits; maps overlaps to 409. */
  private async versioned<T extends { id: string }>(
    actor: Actor,
    table: 'price_list' | 'travel_allowances',
    keyCondition: string,
    keyParams: unknown[],
    validFrom: string,
    insert: (m: EntityManager) => Promise<T>,
    audit: { action: string; entityType: AuditEntity; what: string },
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const { rows: closed } = await execute<{ id: string }>(
          m,
          `UPDATE ${table} SET valid_to = $2 WHERE ${keyCondition} AND valid_to IS NULL AND valid_from < $${3 + keyParams.length} RETURNING id`,
          [actor.regionId, addDays(validFrom, -1), ...keyParams, validFrom],
        );
        const created = await insert(m);
        await this.audit.record(m, actor, {
          action: audit.action,
          entityType: audit.entityType,
          entityId: created.id,
          after: { ...created, closedPrevious: closed.map((c) => c.id) },
        });
        return created;
      });
    } catch (error) {
      if (isExclusionViolation(error)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `The validity period overlaps an existing ${audit.what} for the same key`,
          [{ field: 'validFrom', message: 'overlaps an existing period' }],
        );
      }
      throw error;
    }
  }
}
