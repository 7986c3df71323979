import type { EntityManager } from 'typeorm';

/**
 * Runs an INSERT, UPDATE or DELETE (usually with RETURNING) and gives back the returned rows
 * and the number of rows affected. TypeORM's plain `query()` returns a different shape for
 * UPDATE and DELETE than for SELECT; this is the one shape for all of them.
 */
export async function execute<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: T[]; affected: number }> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return { rows: (result.records ?? []) as T[], affected: result.affected ?? result.records?.length ?? 0 };
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
