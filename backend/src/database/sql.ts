import { createHash } from 'node:crypto';

import type { PoolClient, QueryResult } from 'pg';
import { EntityManager, QueryFailedError, QueryRunner, QueryRunnerAlreadyReleasedError } from 'typeorm';

/**
 * A statement that each connection prepares once: PostgreSQL parses and plans it on its first
 * use on a connection and from then on only binds the parameters and runs it (for a hot query
 * with joins and subqueries, planning costs more than running). Make one per SQL text, at
 * module level, with `prepared()`; the text must not embed values, only `$n` parameters.
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

const statements = new Map<string, Statement>();

/** The statement of a SQL text; the same text always gives the same statement. */
export function prepared(text: string): Statement {
  let statement = statements.get(text);
  if (!statement) {
    statement = { name: `hk_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
    statements.set(text, statement);
  }
  return statement;
}

/**
 * "cached plan must not change result type": a table the statement reads with `*` changed
 * while the connection kept the statement prepared (a migration ran under a running process).
 */
const FEATURE_NOT_SUPPORTED = '0A000';

/**
 * How often a connection had to give up its prepared statements after such a change. The next
 * use prepares them again under new names; the failed query itself reports its error.
 */
const generations = new WeakMap<PoolClient, number>();

async function run(runner: QueryRunner, sql: string | Statement, params: unknown[]): Promise<QueryResult> {
  if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
  const client = (await runner.connect()) as PoolClient;
  const generation = generations.get(client) ?? 0;
  const config =
    typeof sql === 'string'
      ? { text: sql, values: params }
      : {
          name: generation === 0 ? sql.name : `${sql.name}_${generation}`,
          text: sql.text,
          values: params,
        };
  try {
    return await client.query(config);
  } catch (error) {
    if (typeof sql !== 'string' && (error as { code?: string }).code === FEATURE_NOT_SUPPORTED) {
      generations.set(client, generation + 1);
    }
    throw new QueryFailedError(config.text, params, error as Error);
  }
}

async function withRunner<R>(manager: EntityManager, work: (runner: QueryRunner) => Promise<R>): Promise<R> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return await work(runner);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/**
 * Runs a query on the manager's connection (the transaction's, or one from the pool) and gives
 * back its rows. A `Statement` runs prepared; a plain string is parsed and planned each time.
 */
export async function select<T>(
  manager: EntityManager,
  sql: string | Statement,
  params: unknown[] = [],
): Promise<T[]> {
  return withRunner(manager, async (runner) => (await run(runner, sql, params)).rows as T[]);
}

/**
 * Runs an INSERT, UPDATE or DELETE (usually with RETURNING) and gives back the returned rows
 * and the number of rows affected. TypeORM's plain `query()` returns a different shape for
 * UPDATE and DELETE than for SELECT; this is the one shape for all of them.
 */
export async function execute<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string | Statement,
  params: unknown[] = [],
): Promise<{ rows: T[]; affected: number }> {
  return withRunner(manager, async (runner) => {
    const result = await run(runner, sql, params);
    return { rows: result.rows as T[], affected: result.rowCount ?? result.rows.length };
  });
}

/**
 * The parameters of one statement, numbered as they are added: `add(value)` returns the
 * placeholder (`$3`), so no statement numbers its placeholders by hand. `first` is the number
 * of the first one, for a part of a statement whose earlier parameters are counted elsewhere.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly first = 1) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.first + this.values.length - 1}`;
  }
}

/** Whatever runs a statement: a TypeORM manager or query runner, or a pg client. */
interface StatementRunner {
  query(sql: string): Promise<unknown>;
}

/** A limit on each statement for the rest of the transaction (`SET LOCAL`), in milliseconds. */
export async function setStatementTimeout(run: StatementRunner, ms: number): Promise<void> {
  await run.query(`SET LOCAL statement_timeout = ${Math.floor(ms)}`);
}

/** Back to the pool's statement timeout for the rest of the transaction. */
export async function resetStatementTimeout(run: StatementRunner): Promise<void> {
  await run.query('SET LOCAL statement_timeout TO DEFAULT');
}
