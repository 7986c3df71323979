import type { Justification, TriggeredRule } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import type { OrderRow } from './orders.queries';

/**
 * What an order needs of the approval of the exceptions it asks for (a dispensation), without
 * knowing how that approval is decided. The dispensations module provides it, and the root
 * module hands it to `OrdersModule.withApprovals`: dispensations depend on orders, never back.
 * Both methods run inside the order's transaction.
 */
export abstract class OrderApprovals {
  /** Opens the approval of a submitted order's exceptions; returns the dispensation's id. */
  abstract openForOrder(
    m: EntityManager,
    actor: Actor,
    order: OrderRow,
    rules: TriggeredRule[],
    justification: Justification,
    stepsRequired: number,
  ): Promise<{ id: string }>;

  /** Withdraws the open approval, if any, of an order that is being cancelled. */
  abstract withdrawForCancelledOrder(
    m: EntityManager,
    actor: Actor,
    orderId: string,
    regionId: string,
  ): Promise<void>;
}
