import type { DispensationDto, OrderDto, OrderInput, UnitDto } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import { anOrder, JUSTIFICATION } from './builders';
import { as, DEMO, loginAs, TestSession } from './sessions';

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

/** An order of unit 120101 (NSO Skellefteå) submitted by its unit manager, awaiting the area chief. */
export async function orderAwaitingDispensation(app: NestFastifyApplication, hours: string) {
  const eva = await loginAs(app, DEMO.unitManagerSkelleftea);
  const maria = await loginAs(app, DEMO.areaChiefSkelleftea);
  const unit = ((await as(app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[]).find(
    (u) => u.costCentre === '120101',
  ) as UnitDto;
  const submitted = await submitOrder(app, eva, anOrder(unit.id).withHours(hours).build());
  return { eva, maria, ...submitted };
}
