import { ApiPath, AuditEventDto, BidDto, OrderDto, OrderHoursDto, Permission } from '@hyrkoll/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { VersionBody } from '../../common/dto/bodies';
import { AuditEventResponse } from '../audit/audit.controller';
import { AuditService } from '../audit/audit.service';
import { BidsService } from './bids.service';
import { AwardBody, RegisterBidBody } from './dto/bid.dto';
import {
  CancelOrderBody,
  OrderBody,
  OrderIdParam,
  OrderListQuery,
  PublishManyBody,
  SubmitOrderBody,
  UpdateOrderBody,
} from './dto/order.dto';
import {
  AssessmentResponse,
  BidResponse,
  OrderHoursResponse,
  OrderPageResponse,
  OrderResponse,
  PublishManyResponse,
} from './dto/order-response.dto';
import { Assessment, OrderAssessor } from './order-assessor';
import { OrderReader } from './order-reader.service';
import { OrdersService } from './orders.service';

const CONFLICT = 'The order is in another state (the message names it) or changed since the given version';

@ApiTags('orders')
@Controller(ApiPath.orders)
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly reader: OrderReader,
    private readonly assessor: OrderAssessor,
    private readonly bids: BidsService,
    private readonly audit: AuditService,
  ) {}

  @Post('estimate')
  @RequirePermission(Permission.ORDER_WRITE)
  @HttpCode(200)
  @ApiOperation({
    summary: "Cost estimate and the rule engine's verdict for an order as filled in, without saving it",
  })
  @ApiOkResponse({ type: AssessmentResponse })
  async estimate(
    @CurrentUser() user: AuthUser,
    @Body() body: OrderBody,
  ): Promise<Omit<Assessment, 'placement'>> {
    const { placement: _placement, ...assessment } = await this.assessor.assess(user, body);
    return assessment;
  }

  @Post()
  @RequirePermission(Permission.ORDER_WRITE)
  @ApiOperation({ summary: 'Create an order as a draft for one of your units (audited)' })
  @ApiCreatedResponse({ type: OrderResponse, description: 'The draft with its estimate and triggered rules' })
  create(@CurrentRequest() ctx: RequestContext, @Body() body: OrderBody): Promise<OrderDto> {
    return this.orders.create(ctx, body);
  }

  @Get()
  @RequirePermission(Permission.ORDER_READ)
  @ApiOperation({
    summary:
      'Orders within your scope, a page at a time, sorted by a column (newest first by default); filter by status, unit, area, profession, period or text',
  })
  @ApiOkResponse({ type: OrderPageResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: OrderListQuery) {
    return this.reader.list(user, query);
  }

  @Get(':id')
  @RequirePermission(Permission.ORDER_READ)
  @ApiOperation({ summary: 'One order with its estimate, rules and dispensation' })
  @ApiOkResponse({ type: OrderResponse, description: 'The order' })
  get(@CurrentUser() user: AuthUser, @Param() params: OrderIdParam): Promise<OrderDto> {
    return this.reader.get(user, params.id);
  }

  @Get(':id/timeline')
  @RequirePermission(Permission.ORDER_READ)
  @ApiOperation({
    summary: "The order's history from the audit trail: the order, its dispensations and bids",
  })
  @ApiOkResponse({ type: [AuditEventResponse], description: 'Audit events, oldest first' })
  async timeline(@CurrentUser() user: AuthUser, @Param() params: OrderIdParam): Promise<AuditEventDto[]> {
    await this.reader.get(user, params.id);
    return this.audit.listForOrder(user.regionId, params.id);
  }

  @Get(':id/hours')
  @RequirePermission(Permission.ORDER_READ)
  @ApiOperation({
    summary:
      'Purchased hours and cost booked against the order, from the imported reports, by month and supplier',
  })
  @ApiOkResponse({ type: OrderHoursResponse })
  hours(@CurrentUser() user: AuthUser, @Param() params: OrderIdParam): Promise<OrderHoursDto> {
    return this.reader.bookedHours(user, params.id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ORDER_WRITE)
  @ApiOperation({ summary: 'Change a draft (audited)' })
  @ApiOkResponse({ type: OrderResponse, description: 'The changed draft' })
  @ApiConflictResponse({ description: CONFLICT })
  update(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: OrderIdParam,
    @Body() body: UpdateOrderBody,
  ) {
    return this.orders.update(ctx, params.id, body);
  }

  @Post(':id/submit')
  @RequirePermission(Permission.ORDER_WRITE)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit a draft: approved at once, or a dispensation is requested (justification needed)',
  })
  @ApiOkResponse({ type: OrderResponse, description: 'The order, APPROVED or AWAITING_DISPENSATION' })
  @ApiConflictResponse({ description: CONFLICT })
  submit(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: OrderIdParam,
    @Body() body: SubmitOrderBody,
  ) {
    return this.orders.submit(ctx, params.id, body);
  }

  @Post(':id/cancel')
  @RequirePermission(Permission.ORDER_READ)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel before the assignment starts (unit manager or purchaser); withdraws an open dispensation',
  })
  @ApiOkResponse({ type: OrderResponse, description: 'The cancelled order' })
  @ApiConflictResponse({ description: CONFLICT })
  cancel(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: OrderIdParam,
    @Body() body: CancelOrderBody,
  ) {
    return this.orders.cancel(ctx, params.id, body);
  }

  @Post('publish-many')
  @RequirePermission(Permission.ORDER_PROCURE)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Publish several approved orders, each in its own transaction (audited as one publish each); answers per order',
  })
  @ApiOkResponse({ type: PublishManyResponse })
  publishMany(@CurrentRequest() ctx: RequestContext, @Body() body: PublishManyBody) {
    return this.orders.publishMany(ctx, body);
  }

  @Post(':id/publish')
  @RequirePermission(Permission.ORDER_PROCURE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish an approved (or unfilled) order to the suppliers' })
  @ApiOkResponse({ type: OrderResponse, description: 'The published order' })
  @ApiConflictResponse({ description: CONFLICT })
  publish(@CurrentRequest() ctx: RequestContext, @Param() params: OrderIdParam, @Body() body: VersionBody) {
    return this.orders.procure(ctx, params.id, 'publish', body.version);
  }

  @Post(':id/unfilled')
  @RequirePermission(Permission.ORDER_PROCURE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the call-off got no (usable) bids' })
  @ApiOkResponse({ type: OrderResponse, description: 'The unfilled order' })
  @ApiConflictResponse({ description: CONFLICT })
  unfilled(@CurrentRequest() ctx: RequestContext, @Param() params: OrderIdParam, @Body() body: VersionBody) {
    return this.orders.procure(ctx, params.id, 'markUnfilled', body.version);
  }

  @Post(':id/close')
  @RequirePermission(Permission.ORDER_PROCURE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a completed order' })
  @ApiOkResponse({ type: OrderResponse, description: 'The closed order' })
  @ApiConflictResponse({ description: CONFLICT })
  close(@CurrentRequest() ctx: RequestContext, @Param() params: OrderIdParam, @Body() body: VersionBody) {
    return this.orders.procure(ctx, params.id, 'close', body.version);
  }

  @Get(':id/bids')
  @RequirePermission(Permission.ORDER_READ)
  @ApiOperation({
    summary: 'The bids, ranked by time and continuity, each with its reasons or eligibility problems',
  })
  @ApiOkResponse({ type: [BidResponse], description: 'Bids, best first; ineligible ones last' })
  ranking(@CurrentUser() user: AuthUser, @Param() params: OrderIdParam): Promise<BidDto[]> {
    return this.bids.ranking(user, params.id);
  }

  @Post(':id/bids')
  @RequirePermission(Permission.ORDER_PROCURE)
  @ApiOperation({
    summary: 'Register a supplier bid (consultant, hours covered, earlier hours at the unit, documents)',
  })
  @ApiCreatedResponse({ type: BidResponse, description: 'The bid with its place in the ranking' })
  @ApiConflictResponse({
    description:
      'The order is not published, the supplier is quarantined, or the consultant is already offered',
  })
  registerBid(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: OrderIdParam,
    @Body() body: RegisterBidBody,
  ) {
    return this.bids.register(ctx, params.id, body);
  }

  @Post(':id/award')
  @RequirePermission(Permission.ORDER_PROCURE)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Award the best-ranked eligible bid; the supplier must confirm within 2 working days',
  })
  @ApiOkResponse({ type: OrderResponse, description: 'The awarded order with its confirmation deadline' })
  @ApiConflictResponse({ description: 'Not the best-ranked eligible bid, or the order is in another state' })
  award(@CurrentRequest() ctx: RequestContext, @Param() params: OrderIdParam, @Body() body: AwardBody) {
    return this.bids.award(ctx, params.id, body);
  }

  @Post(':id/confirm')
  @RequirePermission(Permission.ORDER_PROCURE)
  @HttpCode(200)
  @ApiOperation({ summary: "Record the supplier's confirmation of the award (before the deadline)" })
  @ApiOkResponse({ type: OrderResponse, description: 'The confirmed order' })
  @ApiConflictResponse({ description: CONFLICT })
  confirm(@CurrentRequest() ctx: RequestContext, @Param() params: OrderIdParam, @Body() body: VersionBody) {
    return this.bids.confirm(ctx, params.id, body.version);
  }
}
