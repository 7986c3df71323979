import type { DispensationPolicy } from '@hyrkoll/contracts';
import type { EntityManager } from 'typeorm';

import { execute } from '../../database/sql';

/** The dispensation policy's SQL (decision 018); PolicyService keeps the rules and the transaction. */

type Runner = Pick<EntityManager, 'query'>;

/** The region's stored policy and its version, if it stored one. */
export async function storedPolicy(
  m: Runner,
  regionId: string,
): Promise<{ policy: DispensationPolicy; version: number } | undefined> {
  const [row] = await m.query<{ policy: DispensationPolicy; version: number }[]>(
    'SELECT policy, version FROM dispensation_policies WHERE region_id = $1',
    [regionId],
  );
  return row;
}

/** Stores the region's first policy; 0 rows when one was stored meanwhile. */
export async function insertPolicy(
  m: EntityManager,
  regionId: string,
  policy: DispensationPolicy,
): Promise<number> {
  const { affected } = await execute(
    m,
    'INSERT INTO dispensation_policies (region_id, policy) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [regionId, JSON.stringify(policy)],
  );
  return affected;
}

/** Replaces the policy if it is still at `version`; 0 rows when it is not. */
export async function updatePolicy(
  m: EntityManager,
  regionId: string,
  version: number,
  policy: DispensationPolicy,
): Promise<number> {
  const { affected } = await execute(
    m,
    'UPDATE dispensation_policies SET policy = $3, version = version + 1, updated_at = now() WHERE region_id = $1 AND version = $2',
    [regionId, version, JSON.stringify(policy)],
  );
  return affected;
}

/** Which of `areaIds` are areas of the region. */
export async function areasOfRegion(m: Runner, regionId: string, areaIds: string[]): Promise<Set<string>> {
  const found = await m.query<{ id: string }[]>(
    'SELECT id FROM areas WHERE region_id = $1 AND id = ANY($2::uuid[])',
    [regionId, areaIds],
  );
  return new Set(found.map((a) => a.id));
}
