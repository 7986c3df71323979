import {
  ApiPath,
  FormerEmployeeDto,
  Permission,
  PriceDto,
  SupplierDto,
  TravelAllowanceDto,
} from '@hyrkoll/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { AgreementService } from './agreement.service';
import {
  CreateFormerEmployeeBody,
  CreatePriceBody,
  CreateSupplierBody,
  CreateTravelAllowanceBody,
  FormerEmployeeResponse,
  IdParam,
  KarensCheckBody,
  KarensCheckResponse,
  MunicipalityCodeParam,
  MunicipalityZoneResponse,
  PriceQuery,
  PriceResponse,
  SetPriceZoneBody,
  SupplierResponse,
  TravelAllowanceResponse,
  UpdateSupplierBody,
} from './dto/agreement.dto';
import { FormerEmployeesService } from './former-employees.service';

@ApiTags('agreement')
@Controller()
export class AgreementController {
  constructor(
    private readonly agreement: AgreementService,
    private readonly formerEmployees: FormerEmployeesService,
  ) {}

  @Get(ApiPath.agreementSuppliers)
  @RequirePermission(Permission.AGREEMENT_READ)
  @ApiOperation({ summary: 'Suppliers of the agreement with lots and status' })
  @ApiOkResponse({ type: [SupplierResponse] })
  suppliers(@CurrentUser() user: AuthUser): Promise<SupplierDto[]> {
    return this.agreement.listSuppliers(user.regionId);
  }

  @Post(ApiPath.agreementSuppliers)
  @RequirePermission(Permission.AGREEMENT_MANAGE)
  @ApiOperation({ summary: 'Register a supplier (audited)' })
  @ApiCreatedResponse({ type: SupplierResponse })
  @ApiConflictResponse({ description: 'The organisation number is already registered' })
  createSupplier(
    @CurrentRequest() ctx: RequestContext,
    @Body() body: CreateSupplierBody,
  ): Promise<SupplierDto> {
    return this.agreement.createSupplier(ctx.actor, body);
  }

  @Patch(`${ApiPath.agreementSuppliers}/:id`)
  @RequirePermission(Permission.AGREEMENT_MANAGE)
  @ApiOperation({ summary: 'Change a supplier: name, lots, quarantine or reinstate (audited)' })
  @ApiOkResponse({ type: SupplierResponse })
  @ApiConflictResponse({ description: 'The supplier changed since the given version' })
  updateSupplier(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: IdParam,
    @Body() body: UpdateSupplierBody,
  ): Promise<SupplierDto> {
    return this.agreement.updateSupplier(ctx.actor, params.id, body);
  }

  @Get(ApiPath.agreementPrices)
  @RequirePermission(Permission.AGREEMENT_READ)
  @ApiOperation({
    summary: 'The price list: SEK per hour by profession, competence level, zone and validity',
  })
  @ApiOkResponse({ type: [PriceResponse] })
  prices(@CurrentUser() user: AuthUser, @Query() query: PriceQuery): Promise<PriceDto[]> {
    return this.agreement.listPrices(user.regionId, query);
  }

  @Post(ApiPath.agreementPrices)
  @RequirePermission(Permission.AGREEMENT_MANAGE)
  @ApiOperation({
    summary: 'Add a price from a date; an open-ended earlier price of the same key is closed (audited)',
  })
  @ApiCreatedResponse({ type: PriceResponse })
  @ApiConflictResponse({ description: 'The period overlaps an existing price of the same key' })
  createPrice(@CurrentRequest() ctx: RequestContext, @Body() body: CreatePriceBody): Promise<PriceDto> {
    return this.agreement.createPrice(ctx.actor, body);
  }

  @Get(ApiPath.agreementTravelAllowances)
  @RequirePermission(Permission.AGREEMENT_READ)
  @ApiOperation({ summary: "The region's travel allowance (reseschablon) per started week, by validity" })
  @ApiOkResponse({ type: [TravelAllowanceResponse] })
  travelAllowances(@CurrentUser() user: AuthUser): Promise<TravelAllowanceDto[]> {
    return this.agreement.listTravelAllowances(user.regionId);
  }

  @Post(ApiPath.agreementTravelAllowances)
  @RequirePermission(Permission.AGREEMENT_MANAGE)
  @ApiOperation({ summary: 'Set the travel allowance from a date (audited)' })
  @ApiCreatedResponse({ type: TravelAllowanceResponse })
  @ApiConflictResponse({ description: 'The period overlaps an existing allowance' })
  createTravelAllowance(
    @CurrentRequest() ctx: RequestContext,
    @Body() body: CreateTravelAllowanceBody,
  ): Promise<TravelAllowanceDto> {
    return this.agreement.createTravelAllowance(ctx.actor, body);
  }

  @Patch(`${ApiPath.agreementMunicipalities}/:code`)
  @RequirePermission(Permission.AGREEMENT_MANAGE)
  @ApiOperation({
    summary: "Set a municipality's price zone (audited; the zone is then no longer illustrative)",
  })
  @ApiOkResponse({ type: MunicipalityZoneResponse, description: 'The municipality with its new zone' })
  setPriceZone(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: MunicipalityCodeParam,
    @Body() body: SetPriceZoneBody,
  ) {
    return this.agreement.setPriceZone(ctx.actor, params.code, body.priceZone);
  }

  @Get(ApiPath.agreementFormerEmployees)
  @RequirePermission(Permission.FORMER_EMPLOYEE_MANAGE)
  @ApiOperation({ summary: 'The former-employee register for karens, identity numbers masked' })
  @ApiOkResponse({ type: [FormerEmployeeResponse] })
  formerEmployeeList(@CurrentUser() user: AuthUser): Promise<FormerEmployeeDto[]> {
    return this.formerEmployees.list(user.regionId);
  }

  @Post(ApiPath.agreementFormerEmployees)
  @RequirePermission(Permission.FORMER_EMPLOYEE_MANAGE)
  @ApiOperation({
    summary:
      'Register a former employee (stored as a keyed hash; audited). Someone already registered is answered 200 with the row, keeping the later end date',
  })
  @ApiCreatedResponse({ type: FormerEmployeeResponse, description: 'Registered' })
  @ApiOkResponse({
    type: FormerEmployeeResponse,
    description: 'Already registered: the row, its end date the later of the two',
  })
  async registerFormerEmployee(
    @CurrentRequest() ctx: RequestContext,
    @Body() body: CreateFormerEmployeeBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FormerEmployeeDto> {
    const { formerEmployee, created } = await this.formerEmployees.register(
      ctx.actor,
      body.identityNumber,
      body.employmentEndedOn,
    );
    if (!created) reply.status(200);
    return formerEmployee;
  }

  @Post(`${ApiPath.agreementFormerEmployees}/check`)
  @RequirePermission(Permission.FORMER_EMPLOYEE_MANAGE)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Whether a person is within karens on a day (audited; limited to 30 checks a minute per user)',
  })
  @ApiOkResponse({ type: KarensCheckResponse })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_KARENS_CHECKS: wait Retry-After seconds' })
  checkKarens(@CurrentRequest() ctx: RequestContext, @Body() body: KarensCheckBody) {
    return this.formerEmployees.check(ctx.actor, body.identityNumber, body.on);
  }

  @Delete(`${ApiPath.agreementFormerEmployees}/:id`)
  @RequirePermission(Permission.FORMER_EMPLOYEE_MANAGE)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a former employee from the register (audited)' })
  @ApiNoContentResponse({ description: 'Removed' })
  removeFormerEmployee(@CurrentRequest() ctx: RequestContext, @Param() params: IdParam): Promise<void> {
    return this.formerEmployees.remove(ctx.actor, params.id);
  }
}
