import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AreaDto, MunicipalityDto, UnitDto } from '@hyrkoll/contracts';
import { Repository } from 'typeorm';
import { Area } from './entities/area.entity';
import { Municipality } from './entities/municipality.entity';
import { Unit } from './entities/unit.entity';
import type { UnitQuery } from './dto/org.dto';

function toMunicipalityDto(m: Municipality): MunicipalityDto {
  return {
    code: m.code,
    name: m.name,
    priceZone: m.priceZone,
    priceZoneIllustrative: m.priceZoneIllustrative,
  };
}

/** Read side of the organisation: regions, areas, units and municipalities. */
@Injectable()
export class OrgService {
  constructor(
    @InjectRepository(Area) private readonly areas: Repository<Area>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
  ) {}

  async listAreas(regionId: string): Promise<AreaDto[]> {
    const rows = await this.areas
      .createQueryBuilder('a')
      .select(['a.id AS id', 'a.code AS code', 'a.name AS name'])
      .addSelect('(SELECT count(*) FROM units u WHERE u.area_id = a.id)::int', 'unitCount')
      .where('a.region_id = :regionId', { regionId })
      .orderBy('a.name', 'ASC')
      .getRawMany<AreaDto>();
    return rows;
  }

  async listUnits(regionId: string, query: UnitQuery): Promise<UnitDto[]> {
    const qb = this.units
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.area', 'a')
      .innerJoinAndSelect('u.municipality', 'm')
      .where('u.region_id = :regionId', { regionId })
      .orderBy('a.name', 'ASC')
      .addOrderBy('u.name', 'ASC');
    if (query.area) {
      qb.andWhere('a.code = :area', { area: query.area });
    }
    if (query.careSetting) {
      qb.andWhere('u.care_setting = :careSetting', { careSetting: query.careSetting });
    }
    const rows = await qb.getMany();
    return rows.map((u) => {
      const area = u.area as Area;
      return {
        id: u.id,
        costCentre: u.costCentre,
        name: u.name,
        careSetting: u.careSetting,
        area: { id: area.id, code: area.code, name: area.name },
        municipality: toMunicipalityDto(u.municipality as Municipality),
      };
    });
  }

  async listMunicipalities(regionId: string): Promise<MunicipalityDto[]> {
    const rows = await this.municipalities.find({ where: { regionId }, order: { name: 'ASC' } });
    return rows.map(toMunicipalityDto);
  }
}
