import { ApiPath, Permission, PurchasedHoursPageDto } from '@hyrkoll/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { PurchasedHoursListQuery, PurchasedHoursPageResponse } from './dto/purchased-hours.dto';
import { PurchasedHoursService } from './purchased-hours.service';

@ApiTags('purchased-hours')
@Controller(ApiPath.purchasedHours)
export class PurchasedHoursController {
  constructor(private readonly purchasedHours: PurchasedHoursService) {}

  @Get()
  @RequirePermission(Permission.IMPORT_MANAGE)
  @ApiOperation({
    summary:
      "The region's imported purchased-hours rows, newest month first; filter by months, supplier, area, unit, profession group and whether a row is linked to an order",
  })
  @ApiOkResponse({ type: PurchasedHoursPageResponse })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: PurchasedHoursListQuery,
  ): Promise<PurchasedHoursPageDto> {
    return this.purchasedHours.list(user, query);
  }
}
