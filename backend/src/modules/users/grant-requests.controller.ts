import { ApiPath, GrantRequestDto, GrantRequestStatus, Permission, Role, ROLES } from '@hyrkoll/contracts';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { GrantRequestIdParam } from './dto/user.dto';
import { GrantRequestsService } from './grant-requests.service';

class GrantRequestResponse implements GrantRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiPropertyOptional({ example: { id: '…', name: 'Hälsocentral Norrböle', costCentre: '120101' } })
  unit?: { id: string; name: string; costCentre: string };
  @ApiPropertyOptional({ example: { id: '…', code: 'NSO-SKE', name: 'NSO Skellefteå' } })
  area?: { id: string; code: string; name: string };
  @ApiProperty({ example: { id: '…', name: 'Eva Lindqvist', email: 'eva.lindqvist@demo.hyrkoll.se' } })
  user!: { id: string; name: string; email: string };
  @ApiProperty({ example: { id: '…', name: 'Anders Sjöberg' } }) requestedBy!: { id: string; name: string };
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ enum: ['PENDING', 'EXPIRED'] }) status!: GrantRequestStatus;
}

/** Grants of decision power waiting for a second administrator. */
@ApiTags('users')
@Controller(ApiPath.grantRequests)
export class GrantRequestsController {
  constructor(private readonly requests: GrantRequestsService) {}

  @Get()
  @RequirePermission(Permission.USER_MANAGE)
  @ApiOperation({ summary: "The region's undecided grants of deciding or administrator roles" })
  @ApiOkResponse({
    type: [GrantRequestResponse],
    description: 'Oldest first; EXPIRED once seven days passed undecided',
  })
  list(@CurrentUser() user: AuthUser): Promise<GrantRequestDto[]> {
    return this.requests.list(user.regionId);
  }

  @Post(':id/approve')
  @RequirePermission(Permission.USER_MANAGE)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Approve a grant: the role takes effect (audited; not by its requester nor its user)',
  })
  @ApiNoContentResponse({ description: 'Approved' })
  @ApiForbiddenResponse({ description: 'GRANT_REQUEST_OWN or GRANT_REQUEST_FOR_SELF' })
  @ApiConflictResponse({ description: 'GRANT_REQUEST_WRONG_STATE: decided or expired' })
  async approve(@CurrentRequest() ctx: RequestContext, @Param() params: GrantRequestIdParam): Promise<void> {
    await this.requests.approve(ctx.actor, params.id);
  }

  @Post(':id/reject')
  @RequirePermission(Permission.USER_MANAGE)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Reject a grant, or dismiss an expired one from the waiting list (audited; not by its user)',
  })
  @ApiNoContentResponse({ description: 'Rejected (an expired request: closed as EXPIRED)' })
  @ApiForbiddenResponse({ description: 'GRANT_REQUEST_FOR_SELF' })
  @ApiConflictResponse({ description: 'GRANT_REQUEST_WRONG_STATE: already decided or closed' })
  async reject(@CurrentRequest() ctx: RequestContext, @Param() params: GrantRequestIdParam): Promise<void> {
    await this.requests.reject(ctx.actor, params.id);
  }
}
