import { AuditEntity } from '@hyrkoll/contracts';
import { ORDER_TRANSITIONS } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { transition } from '../../common/state/transition';
import type { AuditService } from '../audit/audit.service';
import { type OrderRow, orderSnapshot } from '../orders/orders.queries';

/** Moves a dispensation's order along with it (in the dispensation's transaction), audited as the actor's step. */
export async function moveOrder(
  m: EntityManager,
  audit: AuditService,
  actor: Actor,
  order: OrderRow,
  action: keyof typeof ORDER_TRANSITIONS,
): Promise<void> {
  const t = ORDER_TRANSITIONS[action];
  await transition(m, {
    table: 'orders',
    entity: 'order',
    id: order.id,
    regionId: order.region_id,
    action,
    from: t.from,
    to: t.to,
  });
  await audit.record(m, actor, {
    action: `order.${action}`,
    entityType: AuditEntity.ORDER,
    entityId: order.id,
    before: orderSnapshot(order),
    after: { ...orderSnapshot(order), status: t.to },
  });
}
