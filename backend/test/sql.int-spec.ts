import { randomBytes } from 'node:crypto';

import { DataSource, QueryFailedError } from 'typeorm';

import { isUniqueViolation } from '../src/database/pg-errors';
import { execute, prepared, select } from '../src/database/sql';
import { ownerUrl } from './support/owner';

/** The SQL helpers on a real PostgreSQL: prepared statements per connection, transactions, errors. */
describe('SQL helpers', () => {
  const table = `sql_probe_${randomBytes(4).toString('hex')}`;
  let db: DataSource;

  beforeAll(async () => {
    // the owner: the application's role may not create tables; one connection: every query below runs on it, so its prepared statements can be seen
    db = new DataSource({ type: 'postgres', url: ownerUrl(), extra: { max: 1 } });
    await db.initialize();
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text NOT NULL)`);
  });

  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.destroy();
  });

  beforeEach(() => db.query(`TRUNCATE ${table}`));

  const preparedOnConnection = (name: string) =>
    db.query<{ name: string; runs: number }[]>(
      `SELECT name, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements WHERE name LIKE $1`,
      [`${name}%`],
    );

  it('prepares a statement once per connection and runs it again without parsing it', async () => {
    const insert = prepared(`INSERT INTO ${table} (id, label) VALUES ($1, $2)`);
    const byId = prepared(`SELECT label FROM ${table} WHERE id = $1`);
    expect(prepared(`SELECT label FROM ${table} WHERE id = $1`)).toBe(byId);
    expect(byId.name).not.toBe(insert.name);

    await execute(db.manager, insert, [1, 'one']);
    await execute(db.manager, insert, [2, 'two']);
    expect(await select(db.manager, byId, [2])).toEqual([{ label: 'two' }]);
    expect(await select(db.manager, byId, [3])).toEqual([]);

    expect(await preparedOnConnection(insert.name)).toEqual([{ name: insert.name, runs: 2 }]);
    expect(await preparedOnConnection(byId.name)).toEqual([{ name: byId.name, runs: 2 }]);
  });

  it('runs on the connection of the transaction it is given', async () => {
    const insert = prepared(`INSERT INTO ${table} (id, label) VALUES ($1, $2) RETURNING id`);
    const count = prepared(`SELECT count(*)::int AS n FROM ${table}`);
    await expect(
      db.transaction(async (m) => {
        const { rows, affected } = await execute<{ id: number }>(m, insert, [7, 'seven']);
        expect({ rows, affected }).toEqual({ rows: [{ id: 7 }], affected: 1 });
        expect(await select(m, count)).toEqual([{ n: 1 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await select(db.manager, count)).toEqual([{ n: 0 }]);
  });

  it('gives the rows affected by an UPDATE, prepared or not', async () => {
    await db.query(`INSERT INTO ${table} (id, label) VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
    const rename = prepared(`UPDATE ${table} SET label = upper(label) WHERE id <= $1`);
    expect(await execute(db.manager, rename, [2])).toEqual({ rows: [], affected: 2 });
    expect(await execute(db.manager, `DELETE FROM ${table} WHERE label = $1`, ['C'])).toEqual({
      rows: [],
      affected: 0,
    });
    expect(await select(db.manager, `SELECT label FROM ${table} ORDER BY id`)).toEqual([
      { label: 'A' },
      { label: 'B' },
      { label: 'c' },
    ]);
  });

  it('fails with TypeORM’s QueryFailedError, carrying the driver’s error', async () => {
    const insert = prepared(`INSERT INTO ${table} (id, label) VALUES ($1, $2)`);
    await execute(db.manager, insert, [1, 'one']);
    const error = await execute(db.manager, insert, [1, 'again']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(error, `${table}_pkey`)).toBe(true);
    expect(await select(db.manager, `SELECT label FROM ${table}`)).toEqual([{ label: 'one' }]);
  });

  it('prepares again after the table of a `*` changed under it (a migration during a run)', async () => {
    await db.query(`INSERT INTO ${table} (id, label) VALUES (1, 'one')`);
    const all = prepared(`SELECT * FROM ${table} WHERE id = $1`);
    expect(await select(db.manager, all, [1])).toEqual([{ id: 1, label: 'one' }]);

    await db.query(`ALTER TABLE ${table} ADD COLUMN note text NOT NULL DEFAULT 'new'`);
    // the query that finds the statement outdated fails; the connection prepares it again
    const error = await select(db.manager, all, [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('0A000');
    expect(await select(db.manager, all, [1])).toEqual([{ id: 1, label: 'one', note: 'new' }]);
    expect(await select(db.manager, all, [1])).toEqual([{ id: 1, label: 'one', note: 'new' }]);
    await db.query(`ALTER TABLE ${table} DROP COLUMN note`);
  });
});
