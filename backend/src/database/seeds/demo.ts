import type { EntityManager } from 'typeorm';
import { seedDemoAgreement } from './demo-agreement';
import { DEMO_REGION, seedDemoRegion } from './demo-region';
import { seedDemoUsers } from './demo-users';

/** Loads whatever part of the demo data is missing; what is there is left as it is. */
export async function seedDemo(manager: EntityManager, identityHashKey: string): Promise<string> {
  const region = await seedDemoRegion(manager);
  const users = await seedDemoUsers(manager);
  const [{ id: regionId }] = await manager.query<{ id: string }[]>('SELECT id FROM regions WHERE code = $1', [
    DEMO_REGION.code,
  ]);
  const agreement = await seedDemoAgreement(manager, regionId, identityHashKey);
  const parts = [
    region.loaded
      ? `${region.counts.areas} areas, ${region.counts.units} units, ${region.counts.municipalities} municipalities`
      : '',
    users > 0 ? `${users} demo users` : '',
    agreement ? 'agreement data and policy' : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'demo data already loaded' : `demo data loaded: ${parts.join(', ')}`;
}
