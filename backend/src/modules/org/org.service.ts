import {
  AreaDto,
  AuditEntity,
  ErrorCode,
  FieldError,
  FieldErrorCode,
  MunicipalityDto,
  UnitDto,
} from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { isUniqueViolation } from '../../database/pg-errors';
import { AuditService } from '../audit/audit.service';
import type {
  CreateAreaBody,
  CreateUnitBody,
  UnitQuery,
  UpdateAreaBody,
  UpdateUnitBody,
} from './dto/org.dto';
import { Area } from './entities/area.entity';
import { Municipality } from './entities/municipality.entity';
import { Unit } from './entities/unit.entity';
import {
  areaIdInRegion,
  areaOfRegion,
  areasOfRegion,
  hasSimilarAreaCode,
  hasSimilarCostCentre,
  insertArea,
  insertUnit,
  lockArea,
  lockUnit,
  municipalityIdByCode,
  unitOfRegion,
  unitsOfRegion,
  updateArea,
  updateUnit,
} from './org.queries';

function toMunicipalityDto(m: Municipality): MunicipalityDto {
  return {
    code: m.code,
    name: m.name,
    priceZone: m.priceZone,
    priceZoneIllustrative: m.priceZoneIllustrative,
  };
}

function toUnitDto(u: Unit): UnitDto {
  const area = u.area as Area;
  return {
    id: u.id,
    costCentre: u.costCentre,
    name: u.name,
    careSetting: u.careSetting,
    area: { id: area.id, code: area.code, name: area.name },
    municipality: toMunicipalityDto(u.municipality as Municipality),
  };
}

const duplicateAreaCode = (code: string) =>
  new DomainError(
    ErrorCode.DUPLICATE_AREA_CODE,
    `An area with the code ${code} already exists in the region`,
    {
      params: { value: code },
      fields: [{ field: 'code', code: FieldErrorCode.DUPLICATE, message: 'already in use in the region' }],
    },
  );

const duplicateCostCentre = (costCentre: string) =>
  new DomainError(
    ErrorCode.DUPLICATE_COST_CENTRE,
    `A unit with the cost centre ${costCentre} already exists in the region`,
    {
      params: { value: costCentre },
      fields: [
        { field: 'costCentre', code: FieldErrorCode.DUPLICATE, message: 'already in use in the region' },
      ],
    },
  );

/**
 * The organisation of a region: areas, units and municipalities. Reading is open to every
 * role; the administrator adds and changes areas and units (audited). Units are never
 * deleted: orders, dispensations and imported hours refer to them.
 */
@Injectable()
export class OrgService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
    private readonly audit: AuditService,
  ) {}

  async listAreas(regionId: string): Promise<AreaDto[]> {
    return areasOfRegion(this.dataSource, regionId);
  }

  async listUnits(regionId: string, query: UnitQuery): Promise<UnitDto[]> {
    const units = await unitsOfRegion(this.dataSource.manager, regionId, {
      area: query.area,
      careSetting: query.careSetting,
    });
    return units.map(toUnitDto);
  }

  async listMunicipalities(regionId: string): Promise<MunicipalityDto[]> {
    const rows = await this.municipalities.find({ where: { regionId }, order: { name: 'ASC' } });
    return rows.map(toMunicipalityDto);
  }

  async createArea(actor: Actor, body: CreateAreaBody): Promise<AreaDto> {
    const code = body.code;
    try {
      return await this.dataSource.transaction(async (m) => {
        await this.refuseSimilarAreaCode(m, actor.regionId, code, null);
        const id = await insertArea(m, { regionId: actor.regionId, code, name: body.name.trim() });
        const created = await this.loadArea(m, actor.regionId, id);
        await this.audit.record(m, actor, {
          action: 'area.create',
          entityType: AuditEntity.AREA,
          entityId: id,
          after: created,
        });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'areas_region_id_code_key')) throw duplicateAreaCode(code);
      throw error;
    }
  }

  /** Renames an area or changes its code. A change to nothing new answers the area as it is. */
  async updateArea(actor: Actor, id: string, body: UpdateAreaBody): Promise<AreaDto> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.loadArea(m, actor.regionId, id, true);
        const code = body.code ?? before.code;
        const name = body.name?.trim() ?? before.name;
        if (code === before.code && name === before.name) return before;
        if (code !== before.code) await this.refuseSimilarAreaCode(m, actor.regionId, code, id);
        await updateArea(m, { regionId: actor.regionId, id }, { code, name });
        const after = await this.loadArea(m, actor.regionId, id);
        await this.audit.record(m, actor, {
          action: 'area.update',
          entityType: AuditEntity.AREA,
          entityId: id,
          before,
          after,
        });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'areas_region_id_code_key')) throw duplicateAreaCode(body.code ?? '');
      throw error;
    }
  }

  async createUnit(actor: Actor, body: CreateUnitBody): Promise<UnitDto> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const refs = await this.resolveUnitRefs(m, actor.regionId, body);
        await this.refuseSimilarCostCentre(m, actor.regionId, body.costCentre, null);
        const id = await insertUnit(m, {
          regionId: actor.regionId,
          areaId: refs.areaId,
          municipalityId: refs.municipalityId,
          costCentre: body.costCentre,
          name: body.name.trim(),
          careSetting: body.careSetting,
        });
        const created = await this.loadUnit(m, actor.regionId, id);
        await this.audit.record(m, actor, {
          action: 'unit.create',
          entityType: AuditEntity.UNIT,
          entityId: id,
          after: created,
        });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'units_region_id_cost_centre_key')) {
        throw duplicateCostCentre(body.costCentre);
      }
      throw error;
    }
  }

  /**
   * Changes a unit from now on. Orders, dispensations and imported hours keep the area they
   * were recorded under, and orders keep their price zone.
   */
  async updateUnit(actor: Actor, id: string, body: UpdateUnitBody): Promise<UnitDto> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.loadUnit(m, actor.regionId, id, true);
        const refs = await this.resolveUnitRefs(m, actor.regionId, body);
        const next = {
          costCentre: body.costCentre ?? before.costCentre,
          name: body.name?.trim() ?? before.name,
          careSetting: body.careSetting ?? before.careSetting,
        };
        const unchanged =
          next.costCentre === before.costCentre &&
          next.name === before.name &&
          next.careSetting === before.careSetting &&
          (refs.areaId ?? before.area.id) === before.area.id &&
          (body.municipalityCode ?? before.municipality.code) === before.municipality.code;
        if (unchanged) return before;
        if (next.costCentre !== before.costCentre) {
          await this.refuseSimilarCostCentre(m, actor.regionId, next.costCentre, id);
        }
        await updateUnit(
          m,
          { regionId: actor.regionId, id },
          { ...next, areaId: refs.areaId, municipalityId: refs.municipalityId },
        );
        const after = await this.loadUnit(m, actor.regionId, id);
        await this.audit.record(m, actor, {
          action: 'unit.update',
          entityType: AuditEntity.UNIT,
          entityId: id,
          before,
          after,
        });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'units_region_id_cost_centre_key')) {
        throw duplicateCostCentre(body.costCentre ?? '');
      }
      throw error;
    }
  }

  private async loadArea(m: EntityManager, regionId: string, id: string, lock = false): Promise<AreaDto> {
    if (lock) await lockArea(m, regionId, id);
    const row = await areaOfRegion(m, regionId, id);
    if (!row) throw DomainError.notFound('Area', id);
    return row;
  }

  private async loadUnit(m: EntityManager, regionId: string, id: string, lock = false): Promise<UnitDto> {
    if (lock) await lockUnit(m, regionId, id);
    const unit = await unitOfRegion(m, regionId, id);
    if (!unit) throw DomainError.notFound('Unit', id);
    return toUnitDto(unit);
  }

  /** The area and municipality named by a unit's input, both inside the region. */
  private async resolveUnitRefs(
    m: EntityManager,
    regionId: string,
    body: { areaId?: string; municipalityCode?: string },
  ): Promise<{ areaId: string | null; municipalityId: string | null }> {
    const problems: FieldError[] = [];
    let areaId: string | null = null;
    let municipalityId: string | null = null;
    if (body.areaId !== undefined) {
      areaId = (await areaIdInRegion(m, regionId, body.areaId)) ?? null;
      if (!areaId)
        problems.push({
          field: 'areaId',
          code: FieldErrorCode.UNKNOWN_REFERENCE,
          message: 'no such area in the region',
        });
    }
    if (body.municipalityCode !== undefined) {
      municipalityId = (await municipalityIdByCode(m, regionId, body.municipalityCode)) ?? null;
      if (!municipalityId)
        problems.push({
          field: 'municipalityCode',
          code: FieldErrorCode.UNKNOWN_REFERENCE,
          message: 'no such municipality in the region',
        });
    }
    if (problems.length > 0) throw DomainError.validation(problems);
    return { areaId, municipalityId };
  }

  /** Codes are import keys: one that differs from another only in case would be a trap. */
  private async refuseSimilarAreaCode(
    m: EntityManager,
    regionId: string,
    code: string,
    exceptId: string | null,
  ): Promise<void> {
    if (await hasSimilarAreaCode(m, regionId, code, exceptId)) throw duplicateAreaCode(code);
  }

  private async refuseSimilarCostCentre(
    m: EntityManager,
    regionId: string,
    costCentre: string,
    exceptId: string | null,
  ): Promise<void> {
    if (await hasSimilarCostCentre(m, regionId, costCentre, exceptId)) throw duplicateCostCentre(costCentre);
  }
}
