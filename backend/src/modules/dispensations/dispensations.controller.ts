import { ApiPath, DispensationDetailDto, Permission } from '@hyrkoll/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { VersionBody } from '../../common/dto/bodies';
import { DispensationDecisions } from './dispensation-decisions.service';
import { DispensationRequests } from './dispensation-requests.service';
import { DispensationsService } from './dispensations.service';
import {
  ApproveBody,
  CommentedDecisionBody,
  DispensationIdParam,
  DispensationListQuery,
  ResubmitBody,
} from './dto/dispensation.dto';
import { DispensationDetailResponse, DispensationPageResponse } from './dto/dispensation-response.dto';

const CONFLICT =
  'The dispensation is in another state (the message names it) or changed since the given version';
const NOT_DECIDER = 'Not a decider of this step (the requester never decides)';

@ApiTags('dispensations')
@Controller(ApiPath.dispensations)
export class DispensationsController {
  constructor(
    private readonly dispensations: DispensationsService,
    private readonly decisions: DispensationDecisions,
    private readonly requests: DispensationRequests,
  ) {}

  @Get()
  @RequirePermission(Permission.DISPENSATION_READ)
  @ApiOperation({
    summary:
      'Dispensations within your scope, waiting ones first (oldest first); waitingForMe=true for your inbox',
  })
  @ApiOkResponse({ type: DispensationPageResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: DispensationListQuery) {
    return this.dispensations.list(user, query);
  }

  @Get(':id')
  @RequirePermission(Permission.DISPENSATION_READ)
  @ApiOperation({
    summary:
      "One dispensation: the order's facts, rules, justification, who decides now, decisions, conditions and caps",
  })
  @ApiOkResponse({ type: DispensationDetailResponse, description: 'The dispensation' })
  get(@CurrentUser() user: AuthUser, @Param() params: DispensationIdParam): Promise<DispensationDetailDto> {
    return this.dispensations.get(user, params.id);
  }

  @Post(':id/approve')
  @RequirePermission(Permission.DISPENSATION_DECIDE)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve this step, with conditions, validity, caps and delegation reference; the last step approves the order',
  })
  @ApiOkResponse({
    type: DispensationDetailResponse,
    description: 'The dispensation, APPROVED or waiting for step 2',
  })
  @ApiForbiddenResponse({ description: NOT_DECIDER })
  @ApiConflictResponse({ description: CONFLICT })
  approve(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: DispensationIdParam,
    @Body() body: ApproveBody,
  ) {
    return this.decisions.approve(ctx, params.id, body);
  }

  @Post(':id/reject')
  @RequirePermission(Permission.DISPENSATION_DECIDE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a comment; the order is rejected' })
  @ApiOkResponse({ type: DispensationDetailResponse, description: 'The rejected dispensation' })
  @ApiForbiddenResponse({ description: NOT_DECIDER })
  @ApiConflictResponse({ description: CONFLICT })
  reject(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: DispensationIdParam,
    @Body() body: CommentedDecisionBody,
  ) {
    return this.decisions.reject(ctx, params.id, body);
  }

  @Post(':id/return')
  @RequirePermission(Permission.DISPENSATION_DECIDE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Return to the requester for more information, with a comment' })
  @ApiOkResponse({ type: DispensationDetailResponse, description: 'The returned dispensation' })
  @ApiForbiddenResponse({ description: NOT_DECIDER })
  @ApiConflictResponse({ description: CONFLICT })
  returnForInformation(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: DispensationIdParam,
    @Body() body: CommentedDecisionBody,
  ) {
    return this.decisions.returnForInformation(ctx, params.id, body);
  }

  @Post(':id/revoke')
  @RequirePermission(Permission.DISPENSATION_DECIDE)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke an approved dispensation, with a comment; an order not yet started is cancelled',
  })
  @ApiOkResponse({ type: DispensationDetailResponse, description: 'The revoked dispensation' })
  @ApiForbiddenResponse({ description: NOT_DECIDER })
  @ApiConflictResponse({ description: CONFLICT })
  revoke(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: DispensationIdParam,
    @Body() body: CommentedDecisionBody,
  ) {
    return this.decisions.revoke(ctx, params.id, body);
  }

  @Post(':id/resubmit')
  @RequirePermission(Permission.ORDER_WRITE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a return with a new justification; review starts again at step 1' })
  @ApiOkResponse({ type: DispensationDetailResponse, description: 'The dispensation, under review again' })
  @ApiConflictResponse({ description: CONFLICT })
  resubmit(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: DispensationIdParam,
    @Body() body: ResubmitBody,
  ) {
    return this.requests.resubmit(ctx, params.id, body.version, body.justification);
  }

  @Post(':id/withdraw')
  @RequirePermission(Permission.ORDER_WRITE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw before a decision; the order goes back to draft' })
  @ApiOkResponse({ type: DispensationDetailResponse, description: 'The withdrawn dispensation' })
  @ApiConflictResponse({ description: CONFLICT })
  withdraw(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: DispensationIdParam,
    @Body() body: VersionBody,
  ) {
    return this.requests.withdraw(ctx, params.id, body.version);
  }
}
