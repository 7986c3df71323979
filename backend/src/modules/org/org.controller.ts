import { ApiPath, AreaDto, MunicipalityDto, Permission, UnitDto } from '@hyrkoll/contracts';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import {
  AreaResponse,
  CreateAreaBody,
  CreateUnitBody,
  MunicipalityResponse,
  OrgIdParam,
  UnitQuery,
  UnitResponse,
  UpdateAreaBody,
  UpdateUnitBody,
} from './dto/org.dto';
import { OrgService } from './org.service';

/**
 * The organisation of the user's own region. Reading needs org:read (every role has it);
 * adding and changing areas and units needs org:manage (the administrator).
 */
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

  @Post(ApiPath.orgAreas)
  @RequirePermission(Permission.ORG_MANAGE)
  @ApiOperation({ summary: 'Add an area to the region (audited)' })
  @ApiCreatedResponse({ type: AreaResponse })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed; details name it' })
  @ApiConflictResponse({ description: 'The code is already used by an area of the region' })
  createArea(@CurrentRequest() ctx: RequestContext, @Body() body: CreateAreaBody): Promise<AreaDto> {
    return this.org.createArea(ctx.actor, body);
  }

  @Patch(`${ApiPath.orgAreas}/:id`)
  @RequirePermission(Permission.ORG_MANAGE)
  @ApiOperation({ summary: 'Rename an area or change its code (audited)' })
  @ApiOkResponse({ type: AreaResponse })
  @ApiNotFoundResponse({ description: 'No such area in the region' })
  @ApiConflictResponse({ description: 'The code is already used by another area of the region' })
  updateArea(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: OrgIdParam,
    @Body() body: UpdateAreaBody,
  ): Promise<AreaDto> {
    return this.org.updateArea(ctx.actor, params.id, body);
  }

  @Get(ApiPath.orgUnits)
  @RequirePermission(Permission.ORG_READ)
  @ApiOperation({ summary: "The region's units, optionally by area and care setting" })
  @ApiOkResponse({ type: [UnitResponse] })
  units(@CurrentUser() user: AuthUser, @Query() query: UnitQuery): Promise<UnitDto[]> {
    return this.org.listUnits(user.regionId, query);
  }

  @Post(ApiPath.orgUnits)
  @RequirePermission(Permission.ORG_MANAGE)
  @ApiOperation({ summary: 'Add a unit to an area of the region (audited)' })
  @ApiCreatedResponse({ type: UnitResponse })
  @ApiBadRequestResponse({
    description: 'A field is malformed, or the area or municipality is not in the region',
  })
  @ApiConflictResponse({ description: 'The cost centre is already used by a unit of the region' })
  createUnit(@CurrentRequest() ctx: RequestContext, @Body() body: CreateUnitBody): Promise<UnitDto> {
    return this.org.createUnit(ctx.actor, body);
  }

  @Patch(`${ApiPath.orgUnits}/:id`)
  @RequirePermission(Permission.ORG_MANAGE)
  @ApiOperation({
    summary:
      'Change a unit: name, cost centre, area, care setting, municipality (audited). Existing orders, dispensations and imported hours keep the area and price zone they were recorded with',
  })
  @ApiOkResponse({ type: UnitResponse })
  @ApiNotFoundResponse({ description: 'No such unit in the region' })
  @ApiBadRequestResponse({
    description: 'A field is malformed, or the area or municipality is not in the region',
  })
  @ApiConflictResponse({ description: 'The cost centre is already used by another unit of the region' })
  updateUnit(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: OrgIdParam,
    @Body() body: UpdateUnitBody,
  ): Promise<UnitDto> {
    return this.org.updateUnit(ctx.actor, params.id, body);
  }

  @Get(ApiPath.orgMunicipalities)
  @RequirePermission(Permission.ORG_READ)
  @ApiOperation({ summary: "The region's municipalities with their price zone" })
  @ApiOkResponse({ type: [MunicipalityResponse] })
  municipalities(@CurrentUser() user: AuthUser): Promise<MunicipalityDto[]> {
    return this.org.listMunicipalities(user.regionId);
  }
}
