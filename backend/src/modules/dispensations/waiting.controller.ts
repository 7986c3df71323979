import { ApiPath, WaitingCounts } from '@hyrkoll/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

import { CurrentUser, LoggedIn } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { WaitingService } from './waiting.service';

export class WaitingCountsResponse implements WaitingCounts {
  @ApiProperty({ example: 3, description: 'Dispensations at a step you may decide now' })
  dispensationsToDecide!: number;
  @ApiProperty({ example: 2, description: 'Approved or unfilled orders you may publish' })
  ordersToPublish!: number;
  @ApiProperty({ example: 1, description: 'Published orders with bids to assess' })
  ordersWithBids!: number;
}

@ApiTags('dispensations')
@Controller(ApiPath.meWaiting)
export class WaitingController {
  constructor(private readonly waiting: WaitingService) {}

  @Get()
  @LoggedIn()
  @ApiOperation({ summary: 'What waits for you now, within your scope (counts for the navigation)' })
  @ApiOkResponse({ type: WaitingCountsResponse })
  counts(@CurrentUser() user: AuthUser): Promise<WaitingCounts> {
    return this.waiting.counts(user);
  }
}
