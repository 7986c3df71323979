import type { EntityManager } from 'typeorm';
import { seedDemoRegion } from './demo-region';
import { seedDemoUsers } from './demo-users';

/** Loads whatever part of the demo data is missing; what is there is left as it is. */
export async function seedDemo(manager: EntityManager): Promise<string> {
  const region = await seedDemoRegion(manager);
  const users = await seedDemoUsers(manager);
  const parts = [
    region.loaded
      ? `${region.counts.areas} areas, ${region.counts.units} units, ${region.counts.municipalities} municipalities`
      : '',
    users > 0 ? `${users} demo users` : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'demo data already loaded' : `demo data loaded: ${parts.join(', ')}`;
}
