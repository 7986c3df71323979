import {
  ApiPath,
  FailedJobDto,
  OperationsImportDto,
  OperationsStatusDto,
  Permission,
  QueueCountsDto,
  RollupMonthDto,
} from '@hyrkoll/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

import { CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { OperationsService } from './operations.service';

class OperationsStatusResponse implements OperationsStatusDto {
  @ApiProperty({
    description: 'The 20 latest imports, with their first errors',
    type: 'array',
    items: { type: 'object' },
  })
  imports!: OperationsImportDto[];
  @ApiProperty({ example: [{ month: '2024-10', rolledUpAt: '2026-12-07T03:00:00.000Z' }] })
  rollupMonths!: RollupMonthDto[];
  @ApiProperty({ example: [{ queue: 'imports', waiting: 0, active: 0, delayed: 0, failed: 1 }] })
  queues!: QueueCountsDto[];
  @ApiProperty({
    example: [{ queue: 'imports', name: 'import', subject: '…', failedAt: null, attempts: 3, reason: '…' }],
  })
  failedJobs!: FailedJobDto[];
  @ApiProperty({ description: 'True when a count reached the limit of jobs read per state' })
  countsCapped!: boolean;
}

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
  @ApiOkResponse({ type: OperationsStatusResponse })
  status(@CurrentUser() user: AuthUser): Promise<OperationsStatusDto> {
    return this.operations.status(user);
  }
}
