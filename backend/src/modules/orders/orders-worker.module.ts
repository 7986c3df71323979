import { Module } from '@nestjs/common';

import { OrderLifecycleService } from './order-lifecycle.service';

/** What the worker's time-driven checks need of orders: lapsed confirmations and assignments. */
@Module({
  providers: [OrderLifecycleService],
  exports: [OrderLifecycleService],
})
export class OrdersWorkerModule {}
