import type { DispensationDto, OrderDto, SupplierDto, UnitDto } from '@hyrkoll/contracts';

import { anOrder } from './builders';
import { DEMO_UNITS } from './demo-staff';
import { NewRegion, newRegion, RegionSpec } from './new-region';
import { as, TestSession } from './sessions';
import { startApi, TestApp } from './test-app';
import { submitOrder } from './workflow';

/**
 * The people and units the ordering workflow needs, after the demo's: Eva orders for Norrböle and
 * Kåge (area NSO-SKE, price zone 2), Johan for Storuman (NSO-SLA, zone 3, beside Sorsele); the
 * agreement data and policy are the demo's.
 */
export const WORKFLOW_REGION: RegionSpec = {
  areas: ['NSO-SKE', 'NSO-SLA'],
  units: DEMO_UNITS.filter((u) => u.area !== 'NSO-UME'),
  users: {
    Eva: [
      { role: 'UNIT_MANAGER', unit: '120101' },
      { role: 'UNIT_MANAGER', unit: '120102' },
    ],
    Maria: [{ role: 'AREA_CHIEF', area: 'NSO-SKE' }],
    Per: [{ role: 'AREA_CHIEF', area: 'NSO-SLA' }],
    Karin: [{ role: 'HEALTHCARE_DIRECTOR' }],
    Lars: [{ role: 'PURCHASER' }],
    Johan: [{ role: 'UNIT_MANAGER', unit: '130102' }],
    Sofia: [{ role: 'STEERING_GROUP' }],
    Anders: [{ role: 'ADMINISTRATOR' }],
  },
  agreement: true,
};

/** A region of the spec's own (WORKFLOW_REGION, or more) with a session for each person of the workflow. */
export interface WorkflowWorld {
  api: TestApp;
  region: NewRegion;
  eva: TestSession; // unit manager, Norrböle and Kåge (NSO-SKE)
  maria: TestSession; // area chief, NSO-SKE
  per: TestSession; // area chief, NSO-SLA
  karin: TestSession; // health-care director
  lars: TestSession; // purchaser
  johan: TestSession; // unit manager, Storuman (NSO-SLA)
  sofia: TestSession; // steering group
  norrbole: UnitDto;
  suppliers: SupplierDto[];
  supplier: (name: string) => SupplierDto;
  /** Eva drafts and submits an order for Norrböle (480 h: above the demo policy's cost threshold). */
  submittedOrder: (hours?: string) => Promise<{ order: OrderDto; dispensation: DispensationDto }>;
}

export async function startWorkflowWorld(spec: RegionSpec = WORKFLOW_REGION): Promise<WorkflowWorld> {
  const api = await startApi();
  const region = await newRegion(api.app, api.dataSource, spec);
  const session = (name: string) => region.sessions[name] as TestSession;
  const [eva, lars] = [session('Eva'), session('Lars')];
  const units = (await as(api.app, eva).get('/api/org/units?area=NSO-SKE').expect(200)).body as UnitDto[];
  const norrbole = units.find((u) => u.costCentre === '120101') as UnitDto;
  const suppliers = (await as(api.app, lars).get('/api/agreement/suppliers').expect(200))
    .body as SupplierDto[];
  return {
    api,
    region,
    eva,
    maria: session('Maria'),
    per: session('Per'),
    karin: session('Karin'),
    lars,
    johan: session('Johan'),
    sofia: session('Sofia'),
    norrbole,
    suppliers,
    supplier: (name) => suppliers.find((s) => s.name === name) as SupplierDto,
    submittedOrder: (hours = '480.00') =>
      submitOrder(api.app, eva, anOrder(norrbole.id).withHours(hours).build()),
  };
}

/** The order's move that a dispensation decision brings about is Hyrkoll's own step. */
export const DECISION_FOLLOW_UP = { userId: null, name: 'system: dispensation decision' };
