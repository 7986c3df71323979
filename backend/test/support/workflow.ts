import type { DispensationDto, OrderDto, OrderInput } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import { JUSTIFICATION } from './builders';
import { as, TestSession } from './sessions';

/** Drafts and submits an order as `session` (with the justification); returns it and its dispensation. */
export async function submitOrder(
  app: NestFastifyApplication,
  session: TestSession,
  body: OrderInput,
): Promise<{ order: OrderDto; dispensation: DispensationDto }> {
  const draft = (await as(app, session).post('/api/orders', body).expect(201)).body as OrderDto;
  const order = (
    await as(app, session)
      .post(`/api/orders/${draft.id}/submit`, { version: draft.version, justification: JUSTIFICATION })
      .expect(200)
  ).body as OrderDto;
  const dispensation = (await as(app, session).get(`/api/dispensations/${order.dispensationId}`).expect(200))
    .body as DispensationDto;
  return { order, dispensation };
}
