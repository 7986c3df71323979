import { ApiPath, DispensationPolicy, Permission } from '@hyrkoll/contracts';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { PolicyResponse, UpdatePolicyBody } from './dto/policy.dto';
import { PolicyService } from './policy.service';

@ApiTags('policy')
@Controller(ApiPath.policy)
export class PolicyController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @RequirePermission(Permission.POLICY_READ)
  @ApiOperation({
    summary: "The region's dispensation policy: rules, thresholds of the second step, reminders",
  })
  @ApiOkResponse({ type: PolicyResponse })
  get(@CurrentUser() user: AuthUser): Promise<{ version: number; policy: DispensationPolicy }> {
    return this.policies.getVersioned(user.regionId);
  }

  @Put()
  @RequirePermission(Permission.POLICY_MANAGE)
  @ApiOperation({ summary: "Replace the region's dispensation policy (audited)" })
  @ApiOkResponse({ type: PolicyResponse })
  @ApiConflictResponse({ description: 'The policy changed since the given version' })
  update(
    @CurrentRequest() ctx: RequestContext,
    @Body() body: UpdatePolicyBody,
  ): Promise<{ version: number; policy: DispensationPolicy }> {
    return this.policies.update(ctx.actor, body.version, body.policy);
  }
}
