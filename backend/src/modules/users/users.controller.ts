import { ApiPath, PasswordSetupIssuedDto, Permission, RoleAssignmentDto, UserDto } from '@hyrkoll/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { CreateUserBody, UpdateUserBody, UserIdParam } from './dto/user.dto';
import { UsersService } from './users.service';

class UserResponse implements UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'eva.lindqvist@demo.hyrkoll.se' }) email!: string;
  @ApiProperty({ example: 'Eva Lindqvist' }) name!: string;
  @ApiProperty({ enum: ['sv', 'en'] }) locale!: 'sv' | 'en';
  @ApiProperty() active!: boolean;
  @ApiProperty({
    example: [
      { role: 'UNIT_MANAGER', unit: { id: '…', name: 'Hälsocentral Norrböle', costCentre: '120101' } },
    ],
  })
  roles!: RoleAssignmentDto[];
  @ApiProperty({ description: "Roles waiting for a second administrator's approval (not in effect)" })
  pendingRoles!: RoleAssignmentDto[];
  @ApiProperty({ description: 'False until the user has chosen a password through their link' })
  passwordSet!: boolean;
  @ApiProperty({
    nullable: true,
    example: 'SE2321000222-1a2b',
    description: "The identity at the region's provider this user signs in as (decision 024)",
  })
  externalId!: string | null;
  @ApiProperty({ example: 1 }) version!: number;
}

class PasswordSetupIssuedResponse implements PasswordSetupIssuedDto {
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

@ApiTags('users')
@Controller(ApiPath.users)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.USER_MANAGE)
  @ApiOperation({ summary: "The region's users with their roles and scopes" })
  @ApiOkResponse({ type: [UserResponse] })
  list(@CurrentUser() user: AuthUser): Promise<UserDto[]> {
    return this.users.list(user.regionId);
  }

  @Post()
  @RequirePermission(Permission.USER_MANAGE)
  @ApiOperation({
    summary: 'Create a user with roles (audited); the user is mailed a one-time link to choose a password',
  })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'The e-mail address is already in use' })
  create(@CurrentRequest() ctx: RequestContext, @Body() body: CreateUserBody): Promise<UserDto> {
    return this.users.create(ctx.actor, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.USER_MANAGE)
  @ApiOperation({
    summary:
      "Change name, language, roles or deactivate (audited; ends sessions when deactivated); not one's own roles",
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'The user changed since the given version' })
  update(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: UserIdParam,
    @Body() body: UpdateUserBody,
  ): Promise<UserDto> {
    return this.users.update(ctx.actor, params.id, body);
  }

  @Post(':id/password-setup')
  @RequirePermission(Permission.USER_MANAGE)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail the user a new one-time link to choose their password (audited); older links stop working',
  })
  @ApiAcceptedResponse({ type: PasswordSetupIssuedResponse })
  sendPasswordLink(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: UserIdParam,
  ): Promise<PasswordSetupIssuedDto> {
    return this.users.sendPasswordLink(ctx.actor, params.id);
  }
}
