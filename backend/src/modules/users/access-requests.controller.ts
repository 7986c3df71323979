import {
  AccessRequestDto,
  AccessRequestStatus,
  ApiPath,
  Permission,
  RoleGrantInput,
} from '@hyrkoll/contracts';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { AccessRequestsService } from './access-requests.service';

class AccessRequestResponse implements AccessRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SE2321000222-1a2b', description: "The identity's value of the configured claim" })
  subject!: string;
  @ApiProperty({ example: 'Nina Nyström' }) name!: string;
  @ApiPropertyOptional({ example: 'nina.nystrom@regionvasterbotten.se', nullable: true }) email!:
    string | null;
  @ApiProperty({ example: [{ role: 'PURCHASER' }], description: 'Proposed by the groups mapping' })
  proposedRoles!: RoleGrantInput[];
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty({ example: 2 }) attempts!: number;
  @ApiProperty({ enum: ['PENDING'] }) status!: AccessRequestStatus;
}

export class AccessRequestIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be an access request id' })
  id!: string;
}

/** Identities that signed in through the region's provider and have no user yet (decision 024). */
@ApiTags('users')
@Controller(ApiPath.accessRequests)
export class AccessRequestsController {
  constructor(private readonly requests: AccessRequestsService) {}

  @Get()
  @RequirePermission(Permission.USER_MANAGE)
  @ApiOperation({
    summary:
      "The region's pending access requests; create the user (POST /api/users with accessRequestId) or dismiss",
  })
  @ApiOkResponse({ type: [AccessRequestResponse], description: 'Most recently seen first' })
  list(@CurrentUser() user: AuthUser): Promise<AccessRequestDto[]> {
    return this.requests.list(user.regionId);
  }

  @Post(':id/dismiss')
  @RequirePermission(Permission.USER_MANAGE)
  @HttpCode(204)
  @ApiOperation({ summary: 'Dismiss an access request (audited); a new sign-in asks again' })
  @ApiNoContentResponse({ description: 'Dismissed' })
  @ApiConflictResponse({ description: 'ACCESS_REQUEST_WRONG_STATE: already dismissed or resolved' })
  async dismiss(@CurrentRequest() ctx: RequestContext, @Param() params: AccessRequestIdParam): Promise<void> {
    await this.requests.dismiss(ctx.actor, params.id);
  }
}
