import type { EntityManager } from 'typeorm';

/** The health checks' SQL (decision 018); HealthService decides what is probed and how long it waits. */

/** What the statement runs on: the data source. */
type Runner = Pick<EntityManager, 'query'>;

/** One round trip to the database and nothing else. */
export async function roundTrip(m: Runner): Promise<void> {
  await m.query('SELECT 1');
}
