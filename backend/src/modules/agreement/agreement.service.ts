import {
  AuditEntity,
  CompetenceLevel,
  ErrorCode,
  FieldError,
  FieldErrorCode,
  isLevelOf,
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
import { AuditService } from '../audit/audit.service';
import {
  closeOpenPeriod,
  insertPrice,
  insertSupplier,
  insertTravelAllowance,
  lockMunicipalityZone,
  PeriodKey,
  pricesOfRegion,
  setMunicipalityZone,
  supplierOfRegion,
  SupplierRow,
  suppliersOfRegion,
  tariffOn,
  travelAllowanceOn,
  travelAllowancesOfRegion,
  updateSupplier,
} from './agreement.queries';
import type {
  CreatePriceBody,
  CreateSupplierBody,
  CreateTravelAllowanceBody,
  PriceQuery,
  UpdateSupplierBody,
} from './dto/agreement.dto';

const toSupplier = (r: SupplierRow): SupplierDto => ({
  id: r.id,
  organisationNumber: r.organisation_number,
  name: r.name,
  lots: r.lots,
  status: r.status,
  quarantineReason: r.quarantine_reason,
  version: r.version,
});

/** The agreement data a purchaser keeps: suppliers, prices, travel allowance, zones. Audited. */
/** A validity period that ends before it starts. */
const VALID_TO_BEFORE_FROM: FieldError = {
  field: 'validTo',
  code: FieldErrorCode.DATE_ORDER,
  params: { after: 'validFrom' },
  message: 'validTo must not be before validFrom',
};

@Injectable()
export class AgreementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async listSuppliers(regionId: string): Promise<SupplierDto[]> {
    const rows = await suppliersOfRegion(this.dataSource, regionId);
    return rows.map(toSupplier);
  }

  async createSupplier(actor: Actor, body: CreateSupplierBody): Promise<SupplierDto> {
    const organisationNumber = normaliseOrganisationNumber(body.organisationNumber);
    if (!organisationNumber) {
      throw DomainError.validation([
        {
          field: 'organisationNumber',
          code: FieldErrorCode.ORG_NUMBER,
          message: 'organisationNumber must be a valid Swedish organisation number',
        },
      ]);
    }
    try {
      return await this.dataSource.transaction(async (m) => {
        const row = await insertSupplier(m, {
          regionId: actor.regionId,
          organisationNumber,
          name: body.name.trim(),
          lots: [...new Set(body.lots)],
        });
        const supplier = toSupplier(row);
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
          ErrorCode.DUPLICATE_ORG_NUMBER,
          `A supplier with organisation number ${organisationNumber} already exists`,
          {
            params: { value: organisationNumber },
            fields: [
              { field: 'organisationNumber', code: FieldErrorCode.DUPLICATE, message: 'already registered' },
            ],
          },
        );
      }
      throw error;
    }
  }

  async updateSupplier(actor: Actor, id: string, body: UpdateSupplierBody): Promise<SupplierDto> {
    return this.dataSource.transaction(async (m) => {
      const current = await supplierOfRegion(m, actor.regionId, id);
      if (!current) throw DomainError.notFound('Supplier', id);
      const status = body.status ?? current.status;
      const reason = status === 'ACTIVE' ? null : (body.quarantineReason ?? current.quarantine_reason);
      if (status === 'QUARANTINED' && !reason) {
        throw DomainError.validation([
          {
            field: 'quarantineReason',
            code: FieldErrorCode.REQUIRED,
            message: 'quarantineReason is required to quarantine a supplier',
          },
        ]);
      }
      const updated = await updateSupplier(
        m,
        { regionId: actor.regionId, id, version: body.version },
        {
          name: body.name?.trim() ?? current.name,
          lots: body.lots ? [...new Set(body.lots)] : current.lots,
          status,
          quarantineReason: reason,
        },
      );
      if (!updated) {
        throw DomainError.stale(
          'supplier',
          `The supplier was changed by someone else: version is now ${current.version}, not ${body.version}`,
          { version: current.version },
        );
      }
      const after = toSupplier(updated);
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
    return pricesOfRegion(this.dataSource, regionId, {
      profession: query.profession ?? null,
      on: query.on ?? null,
    });
  }

  /**
   * Adds a price. An open-ended price of the same key that starts earlier is closed the day
   * before the new one starts; any other overlap is refused with 409.
   */
  async createPrice(actor: Actor, body: CreatePriceBody): Promise<PriceDto> {
    if (!isLevelOf(body.profession, body.competenceLevel)) {
      throw DomainError.validation([
        {
          field: 'competenceLevel',
          code: FieldErrorCode.LEVEL,
          params: { level: body.competenceLevel, profession: body.profession },
          message: `${body.competenceLevel} is not a level of ${body.profession}`,
        },
      ]);
    }
    if (body.validTo && body.validTo < body.validFrom) {
      throw DomainError.validation([VALID_TO_BEFORE_FROM]);
    }
    return this.versioned(
      actor,
      {
        table: 'price_list',
        profession: body.profession,
        competenceLevel: body.competenceLevel,
        priceZone: body.priceZone,
      },
      body.validFrom,
      (m) =>
        insertPrice(m, {
          regionId: actor.regionId,
          profession: body.profession,
          competenceLevel: body.competenceLevel,
          priceZone: body.priceZone,
          hourlyRate: body.hourlyRate,
          validFrom: body.validFrom,
          validTo: body.validTo ?? null,
        }),
      { action: 'price.create', entityType: AuditEntity.PRICE, what: 'price' },
    );
  }

  async listTravelAllowances(regionId: string): Promise<TravelAllowanceDto[]> {
    return travelAllowancesOfRegion(this.dataSource, regionId);
  }

  async createTravelAllowance(actor: Actor, body: CreateTravelAllowanceBody): Promise<TravelAllowanceDto> {
    if (body.validTo && body.validTo < body.validFrom) {
      throw DomainError.validation([VALID_TO_BEFORE_FROM]);
    }
    return this.versioned(
      actor,
      { table: 'travel_allowances' },
      body.validFrom,
      (m) =>
        insertTravelAllowance(m, {
          regionId: actor.regionId,
          amountPerWeek: body.amountPerWeek,
          validFrom: body.validFrom,
          validTo: body.validTo ?? null,
        }),
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
      const before = await lockMunicipalityZone(m, actor.regionId, code);
      if (!before) throw DomainError.notFound('Municipality', code);
      await setMunicipalityZone(m, before.id, priceZone);
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
    return tariffOn(m, regionId, profession, level, zone, on);
  }

  /** The travel allowance per started week valid on a day, or null when the region has none. */
  async travelAllowance(m: EntityManager, regionId: string, on: string): Promise<string | null> {
    return travelAllowanceOn(m, regionId, on);
  }

  /** Inserts a validity-period row, closing an open-ended predecessor; audits; maps overlaps to 409. */
  private async versioned<T extends { id: string }>(
    actor: Actor,
    key: PeriodKey,
    validFrom: string,
    insert: (m: EntityManager) => Promise<T>,
    audit: { action: string; entityType: AuditEntity; what: string },
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const closed = await closeOpenPeriod(m, actor.regionId, key, validFrom, addDays(validFrom, -1));
        const created = await insert(m);
        await this.audit.record(m, actor, {
          action: audit.action,
          entityType: audit.entityType,
          entityId: created.id,
          after: { ...created, closedPrevious: closed },
        });
        return created;
      });
    } catch (error) {
      if (isExclusionViolation(error)) {
        throw new DomainError(
          ErrorCode.PERIOD_OVERLAP,
          `The validity period overlaps an existing ${audit.what} for the same key`,
          {
            fields: [
              { field: 'validFrom', code: FieldErrorCode.OVERLAP, message: 'overlaps an existing period' },
            ],
          },
        );
      }
      throw error;
    }
  }
}
