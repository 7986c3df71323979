import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPath, AreaDto, MunicipalityDto, RegionDto, UnitDto } from '@hyrkoll/contracts';
import {
  AreaResponse,
  MunicipalityResponse,
  RegionQuery,
  RegionResponse,
  UnitQuery,
  UnitResponse,
} from './dto/org.dto';
import { OrgService } from './org.service';

@ApiTags('org')
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get(ApiPath.orgRegions)
  @ApiOperation({ summary: 'Regions served by this deployment' })
  @ApiOkResponse({ type: [RegionResponse] })
  regions(): Promise<RegionDto[]> {
    return this.org.listRegions();
  }

  @Get(ApiPath.orgAreas)
  @ApiOperation({ summary: "The region's areas with their number of units" })
  @ApiOkResponse({ type: [AreaResponse] })
  areas(@Query() query: RegionQuery): Promise<AreaDto[]> {
    return this.org.listAreas(query.region);
  }

  @Get(ApiPath.orgUnits)
  @ApiOperation({ summary: "The region's units, optionally filtered by area and care setting" })
  @ApiOkResponse({ type: [UnitResponse] })
  units(@Query() query: UnitQuery): Promise<UnitDto[]> {
    return this.org.listUnits(query);
  }

  @Get(ApiPath.orgMunicipalities)
  @ApiOperation({ summary: "The region's municipalities with their price zone" })
  @ApiOkResponse({ type: [MunicipalityResponse] })
  municipalities(@Query() query: RegionQuery): Promise<MunicipalityDto[]> {
    return this.org.listMunicipalities(query.region);
  }
}
