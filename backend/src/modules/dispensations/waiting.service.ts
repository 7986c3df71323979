import { Permission, WaitingCounts } from '@hyrkoll/contracts';
import { reachOf } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { orderCounts } from '../orders/order-list.queries';
import { DispensationsService } from './dispensations.service';

/**
 * What waits for the user now, for the navigation's counts: dispensations at a step they may
 * decide (as the inbox's "waiting for me" counts them), and for a purchaser the orders to publish
 * and those with bids to assess, within their scope.
 */
@Injectable()
export class WaitingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispensations: DispensationsService,
  ) {}

  async counts(user: AuthUser): Promise<WaitingCounts> {
    const procure = reachOf(user.grants, Permission.ORDER_PROCURE);
    const orders = procure
      ? await orderCounts(this.dataSource, user.regionId, procure, ['APPROVED', 'UNFILLED', 'BIDS_RECEIVED'])
      : {};
    return {
      dispensationsToDecide: await this.dispensations.waitingForDecision(user),
      ordersToPublish: (orders['APPROVED'] ?? 0) + (orders['UNFILLED'] ?? 0),
      ordersWithBids: orders['BIDS_RECEIVED'] ?? 0,
    };
  }
}
