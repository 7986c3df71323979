import type { EntityManager } from 'typeorm';

import { seedDemoAgreement } from './demo-agreement';
import { seedDemoHistory } from './demo-history';
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

/** The demo region's generated history (purchased hours, own-staff cost, national comparison). */
export async function loadDemoHistory(manager: EntityManager): Promise<string[]> {
  const [row] = await manager.query<{ region_id: string; purchaser: string }[]>(
    `SELECT r.id AS region_id, u.id AS purchaser FROM regions r JOIN users u ON u.region_id = r.id
      JOIN role_assignments a ON a.user_id = u.id AND a.role = 'PURCHASER' WHERE r.code = $1 LIMIT 1`,
    [DEMO_REGION.code],
  );
  if (!row) throw new Error('the demo region and its purchaser must be loaded before the history');
  return seedDemoHistory(manager, row.region_id, row.purchaser);
}

/**
 * Why the demo data may not be loaded, or null when it may: it creates nine accounts with a
 * known password, an administrator among them, so a process in production mode refuses it
 * unless told otherwise explicitly (docs/operations.md, "Demo data").
 */
export function demoSeedRefusal(nodeEnv: string, allowProduction: boolean): string | null {
  if (nodeEnv !== 'production' || allowProduction) return null;
  return (
    'refused: NODE_ENV is production, and the demo data creates nine accounts with a known password, ' +
    'an administrator among them. Pass --allow-production to load it anyway (never on a real deployment).'
  );
}
