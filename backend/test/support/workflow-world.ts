import type { DispensationDto, OrderDto, SupplierDto, UnitDto } from '@hyrkoll/contracts';

import { anOrder } from './builders';
import { as, DEMO, loginAs, TestSession } from './sessions';
import { startApi, TestApp, withDemoData } from './test-app';
import { submitOrder } from './workflow';

/** The demo region with a session for each person the ordering workflow needs. */
export interface WorkflowWorld {
  api: TestApp;
  eva: TestSession; // unit manager, Norrböle and Kåge (NSO Skellefteå)
  maria: TestSession; // area chief, NSO Skellefteå
  per: TestSession; // area chief, NSO Södra Lappland
  karin: TestSession; // health-care director
  lars: TestSession; // purchaser
  johan: TestSession; // unit manager, Storuman (NSO Södra Lappland)
  norrbole: UnitDto;
  suppliers: SupplierDto[];
  supplier: (name: string) => SupplierDto;
  /** Eva drafts and submits an order for Norrböle (480 h: above the demo policy's cost threshold). */
  submittedOrder: (hours?: string) => Promise<{ order: OrderDto; dispensation: DispensationDto }>;
}

export async function startWorkflowWorld(): Promise<WorkflowWorld> {
  const api = await startApi();
  await withDemoData(api.dataSource);
  const [eva, maria, per, karin, lars, johan] = (await Promise.all(
    [
      DEMO.unitManagerSkelleftea,
      DEMO.areaChiefSkelleftea,
      DEMO.areaChiefLappland,
      DEMO.healthcareDirector,
      DEMO.purchaser,
      DEMO.unitManagerLappland,
    ].map((email) => loginAs(api.app, email)),
  )) as [TestSession, TestSession, TestSession, TestSession, TestSession, TestSession];
  const units = (await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
  const norrbole = units.find((u) => u.costCentre === '120101') as UnitDto;
  const suppliers = (await as(api.app, lars).get('/api/agreement/suppliers').expect(200))
    .body as SupplierDto[];
  return {
    api,
    eva,
    maria,
    per,
    karin,
    lars,
    johan,
    norrbole,
    suppliers,
    supplier: (name) => suppliers.find((s) => s.name === name) as SupplierDto,
    submittedOrder: (hours = '480.00') =>
      submitOrder(api.app, eva, anOrder(norrbole.id).withHours(hours).build()),
  };
}
