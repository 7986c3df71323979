import { ApiPath, Permission, RoleAssignmentDto, UserDto } from '@hyrkoll/contracts';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
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
  @ApiProperty({ example: 1 }) version!: number;
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
  @ApiOperation({ summary: 'Create a user with roles (audited)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'The e-mail address is already in use' })
  create(@CurrentRequest() ctx: RequestContext, @Body() body: CreateUserBody): Promise<UserDto> {
    return this.users.create(ctx.actor, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.USER_MANAGE)
  @ApiOperation({
    summary:
      'Change name, language, password, roles or deactivate (audited; ends sessions when deactivated or on a new password)',
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
}
