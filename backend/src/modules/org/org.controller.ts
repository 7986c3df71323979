import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPath, AreaDto, MunicipalityDto, Permission, UnitDto } from '@hyrkoll/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { AreaResponse, MunicipalityResponse, UnitQuery, UnitResponse } from './dto/org.dto';
import { OrgService } from './org.service';

/** The organisation of the user's own region. Permission: org:read (every role has it). */
@ApiTags('org')
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get(ApiPath.orgAreas)
  @RequirePermission(Permission.ORG_READ)
  @ApiOperation({ summary: "The region's areas with their number of units" })
  @ApiOkResponse({ type: [AreaResponse] })
  areas(@CurrentUser() user: AuthUser): Promise<AreaDto[]> {
    return this.org.listAreas(user.regionId);
  }

  @Get(ApiPath.orgUnits)
  @RequirePermission(Permission.ORG_READ)
  @ApiOperation({ summary: "The region's units, optionally by area and care setting" })
  @ApiOkResponse({ type: [UnitResponse] })
  units(@CurrentUser() user: AuthUser, @Query() query: UnitQuery): Promise<UnitDto[]> {
    return this.org.listUnits(user.regionId, query);
  }

  @Get(ApiPath.orgMunicipalities)
  @RequirePermission(Permission.ORG_READ)
  @ApiOperation({ summary: "The region's municipalities with their price zone" })
  @ApiOkResponse({ type: [MunicipalityResponse] })
  municipalities(@CurrentUser() user: AuthUser): Promise<MunicipalityDto[]> {
    return this.org.listMunicipalities(user.regionId);
  }
}
