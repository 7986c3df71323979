// Needs the demo history (seed:demo), loaded into a throwaway database of its own: it keeps the demo.
import type { ChildProcess } from 'node:child_process';

import type { ImportDto } from '@hyrkoll/contracts';
import { Queue } from 'bullmq';

import { IMPORTS_QUEUE } from '../src/modules/imports/imports.queue';
import { RollupsService } from '../src/modules/rollups/rollups.service';
import { cli } from './support/cli';
import { createThrowawayDatabase, databaseEnv, dropDatabase } from './support/databases';
import { importFinished, uploadImport } from './support/imports';
import { DEMO, loginAs, TestSession } from './support/sessions';
import { startApi, TestApp } from './support/test-app';
import { testEnv, uniquePrefix } from './support/test-env';
import { startWorkerProcess, until } from './support/worker-process';

const ROWS = 200_000;
/** The file covers these months of the demo history, so writing it replaces rows already there. */
const FILE_MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
const UNITS = ['110101', '110104', '120101', '120104', '120201', '130101', '130202', '210101'];
const SUPPLIERS = ['Norrlandsbemanning AB', 'Stafettläkarna i Norr AB', 'Vårdkraft Bemanning AB'];

/** A purchased-hours file of ROWS valid lines, month by month, with its totals per month. */
function purchasedHoursFile(): { csv: Buffer; perMonth: Map<string, { rows: number; cents: bigint }> } {
  const lines = ['month;unit_code;profession_group;supplier;hours;cost_sek;order_ref'];
  const perMonth = new Map<string, { rows: number; cents: bigint }>();
  const perFileMonth = ROWS / FILE_MONTHS.length;
  for (let i = 0; i < ROWS; i++) {
    const month = FILE_MONTHS[Math.floor(i / perFileMonth)] as string;
    const cents = 100_000 + (i % 9_973) * 37;
    const group = i % 3 === 0 ? 'SSK_BM' : 'LAKARE';
    lines.push(
      `${month};${UNITS[i % UNITS.length]};${group};${SUPPLIERS[i % SUPPLIERS.length]};${(i % 40) + 1},5;${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')};`,
    );
    const totals = perMonth.get(`${month}-01`) ?? { rows: 0, cents: 0n };
    totals.rows++;
    totals.cents += BigInt(cents);
    perMonth.set(`${month}-01`, totals);
  }
  return { csv: Buffer.from(`${lines.join('\n')}\n`, 'utf8'), perMonth };
}

/**
 * A worker killed with SIGKILL while it validates and stages a large import: the half-staged
 * import leaves nothing behind (its transaction dies with the connection; the months it will
 * replace keep their rows), BullMQ hands the stalled job to the next worker, the retry stages the
 * whole file once, confirming writes it once, and the rollups equal a full recompute.
 */
describe('a worker killed in the middle of writing an import', () => {
  let url: string;
  let env: Record<string, string | undefined>;
  let api: TestApp;
  let lars: TestSession;
  let queue: Queue;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    url = await createThrowawayDatabase('hyrkoll_it_import_crash');
    env = { ...testEnv(), ...databaseEnv(url), QUEUE_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent' };
    await cli('migrate', env);
    await cli('seed:demo', env); // the history 2021–2024 and its rollups
    api = await startApi({ ...databaseEnv(url), QUEUE_PREFIX: env['QUEUE_PREFIX'] });
    lars = await loginAs(api.app, DEMO.purchaser);
    queue = new Queue(IMPORTS_QUEUE, {
      connection: { url: api.config.redis.url },
      prefix: api.config.redis.queuePrefix,
    });
  }, 90_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await api?.close();
    if (url) await dropDatabase(url);
  });

  /** Rows and exact cost per month of the region's purchased hours. */
  async function monthTotals(): Promise<Record<string, string>> {
    const rows: { month: string; n: number; cost: string }[] = await api.dataSource.query(
      `SELECT to_char(month, 'YYYY-MM-DD') AS month, count(*)::int AS n, sum(cost_sek)::text AS cost
         FROM purchased_hours GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.month, `${r.n} rows, ${r.cost} SEK`]));
  }

  /** Whether a transaction holds rows it has staged (purchased_hours_pending) but not committed. */
  async function writingUncommitted(): Promise<boolean> {
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.relation = 'purchased_hours_pending'::regclass AND l.mode = 'RowExclusiveLock' AND l.granted
          AND a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()`,
    );
    return n > 0;
  }

  it('leaves nothing of the half-written import, and the retry writes it once with rollups as a recompute', async () => {
    const { csv, perMonth } = purchasedHoursFile();
    const before = await monthTotals();
    for (const month of perMonth.keys()) expect(before[month]).toBeDefined(); // replaced, not new

    const first = startWorkerProcess(env);
    workers.push(first);
    // under the demo history's source, so that confirming it replaces those months' rows
    const upload = await uploadImport(
      api.app,
      lars,
      'purchased-hours',
      csv,
      'timmar-2024-h1.csv',
      'legacy',
    ).expect(202);
    const imported = upload.body as ImportDto;
    expect(imported.linesTotal).toBe(ROWS);

    // kill the worker once it has written part of the file (and read a good part of it)
    const progress = async () =>
      (
        await api.dataSource.query(`SELECT status, rows_read FROM imports WHERE id = $1`, [imported.id])
      )[0] as { status: string; rows_read: number };
    let killedAt: { status: string; rows_read: number } | undefined;
    await until(
      async () => {
        const p = await progress();
        if (!['QUEUED', 'VALIDATING'].includes(p.status)) {
          throw new Error(
            `the import was validated (${p.status}) before the worker could be killed mid-write`,
          );
        }
        if (p.rows_read < ROWS * 0.3 || !(await writingUncommitted())) return false;
        first.kill('SIGKILL');
        killedAt = p;
        return true;
      },
      120_000,
      'the import to be half written',
    );
    await new Promise((r) =>
      first.exitCode === null && first.signalCode === null ? first.once('exit', r) : r(null),
    );
    expect(killedAt?.rows_read).toBeLessThan(ROWS);

    // its transaction died with the connection: nothing of the import, every month as before
    await until(async () => !(await writingUncommitted()), 10_000, 'the dead transaction to end');
    const [{ n: written }] = await api.dataSource.query(
      'SELECT count(*)::int AS n FROM purchased_hours WHERE import_id = $1',
      [imported.id],
    );
    expect(written).toBe(0);
    const [{ n: staged }] = await api.dataSource.query(
      'SELECT count(*)::int AS n FROM purchased_hours_pending WHERE import_id = $1',
      [imported.id],
    );
    expect(staged).toBe(0);
    expect(await monthTotals()).toEqual(before);
    expect((await progress()).status).not.toBe('DONE');

    // the next worker takes the stalled job over and writes the whole file, once
    const restarted = Date.now();
    workers.push(startWorkerProcess(env));
    let retryStartedMs: number | undefined;
    await until(
      async () => {
        const p = await progress();
        if (retryStartedMs === undefined && p.rows_read < (killedAt?.rows_read ?? 0)) {
          retryStartedMs = Date.now() - restarted; // the retry starts counting from zero
        }
        return p.status === 'AWAITING_CONFIRMATION';
      },
      // BullMQ's defaults (30 s lock, a stalled check every 30 s shared by all workers, a job
      // moved on the second check that finds it without a lock) hand it over within 30–90 s
      180_000,
      'the retried import to be validated',
    );
    expect(await importFinished(api.app, lars, imported.id)).toMatchObject({ status: 'DONE' });
    const retryMs = Date.now() - restarted;
    expect(await queue.getFailedCount()).toBe(0);

    const done = (await api.dataSource.query('SELECT rows_written, rows_read FROM imports WHERE id = $1', [
      imported.id,
    ])) as { rows_written: number; rows_read: number }[];
    expect(done).toEqual([{ rows_written: ROWS, rows_read: ROWS }]);
    const after = await monthTotals();
    const expected = { ...before };
    for (const [month, t] of perMonth) {
      const cents = t.cents.toString().padStart(3, '0');
      expected[month] = `${t.rows} rows, ${cents.slice(0, -2)}.${cents.slice(-2)} SEK`;
    }
    expect(after).toEqual(expected);
    const [{ n: fromFile }] = await api.dataSource.query(
      'SELECT count(*)::int AS n FROM purchased_hours WHERE import_id = $1',
      [imported.id],
    );
    expect(fromFile).toBe(ROWS);

    // the months' rollups follow, and equal a full recompute from the raw rows
    const rollups = new RollupsService(api.dataSource);
    let differences: unknown[] = [];
    await until(
      async () => {
        differences = await rollups.check();
        return differences.length === 0;
      },
      60_000,
      'the rollups to equal a recompute',
    ).catch(() => expect(differences).toEqual([]));
    process.stdout.write(
      `import crash: killed at ${JSON.stringify(killedAt)} of ${ROWS} rows; after the new worker started the retry began at ${retryStartedMs} ms and finished at ${retryMs} ms\n`,
    );
  }, 300_000);
});
