import { ApiPath, OperationsStatusDto, Permission } from '@hyrkoll/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@Controller()
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get(ApiPath.operationsStatus)
  @RequirePermission(Permission.OPERATIONS_READ)
  @ApiOperation({
    summary:
      "The administrator's own region: recent imports with their errors, the last rollup of each month, and the region's waiting and failed jobs",
  })
  @ApiOkResponse({
    description: 'OperationsStatusDto (imports, rollupMonths, queues, failedJobs, countsCapped)',
  })
  status(@CurrentUser() user: AuthUser): Promise<OperationsStatusDto> {
    return this.operations.status(user);
  }
}
