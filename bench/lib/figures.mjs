// Each figure of the benchmark, measured side by side with its baseline in the same run.
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import { runCli, watchMemory } from './app.mjs';
import { connect, copyBytes } from './database.mjs';
import { monthsEndingAtHistoryEnd, twoPlaces, writePurchasedHoursFile } from './history.mjs';
import { confirmImport, waitForImport } from './http.mjs';
import { loadTest } from './load.mjs';
import { submitBaseline } from './submit-baseline.mjs';
import { thousands } from './report.mjs';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A figure as reported: measured and baseline with their units, the ratio and the target. */
function figure(name, { measured, baseline = null, unit, ratio = null, target, holds, details = {} }) {
  return { name, measured, baseline, unit, ratio, target, holds, details };
}

// ─── Rollups ──────────────────────────────────────────────────────────────────────────────

/**
 * The same aggregations as the rollups, each as one INSERT … SELECT … GROUP BY over every
 * region and month, into scratch tables shaped like the rollup tables (same keys and indexes).
 */
const RAW_ROLLUP_SQL = [
  `INSERT INTO bench_hired_monthly
   SELECT region_id, month, area_id, unit_id, care_setting, profession_group,
          COALESCE(supplier_id::text, 'unknown:' || lower(trim(supplier_text))),
          sum(hours), sum(cost_sek),
          COALESCE(sum(hours) FILTER (WHERE order_id IS NULL), 0),
          COALESCE(sum(cost_sek) FILTER (WHERE order_id IS NULL), 0), count(*),
          min(trim(supplier_text)) FILTER (WHERE supplier_id IS NULL)
     FROM purchased_hours GROUP BY region_id, month, area_id, unit_id, care_setting, profession_group, 7`,
  `INSERT INTO bench_hired_area_monthly
   SELECT region_id, month, area_id, care_setting, profession_group,
          sum(hours), sum(cost_sek), sum(unmatched_hours), sum(unmatched_cost_sek), sum(row_count)
     FROM bench_hired_monthly GROUP BY region_id, month, area_id, care_setting, profession_group`,
  `INSERT INTO bench_own_monthly
   SELECT region_id, month, area_id, care_setting, profession_group, sum(cost_sek), sum(budget_sek), count(*)
     FROM own_staff_costs GROUP BY region_id, month, area_id, care_setting, profession_group`,
  `INSERT INTO bench_dispensation_monthly
   SELECT x.region_id, x.month, x.rule, x.area_id, x.profession_group, sum(x.granted), sum(x.hours), sum(x.cost)
     FROM (
       SELECT d.region_id, date_trunc('month', a.approved_at AT TIME ZONE 'Europe/Stockholm')::date AS month, r.rule,
              d.area_id, CASE o.profession WHEN 'LAKARE' THEN 'LAKARE' ELSE 'SSK_BM' END AS profession_group,
              1 AS granted, 0 AS hours, 0 AS cost
         FROM dispensations d
         JOIN orders o ON o.id = d.order_id
         JOIN (SELECT dispensation_id, max(decided_at) AS approved_at FROM dispensation_decisions
                WHERE outcome = 'APPROVED' GROUP BY dispensation_id) a ON a.dispensation_id = d.id
        CROSS JOIN LATERAL (SELECT DISTINCT e ->> 'rule' AS rule FROM jsonb_array_elements(d.rules) e) r
        WHERE d.status IN ('APPROVED', 'EXPIRED', 'REVOKED')
       UNION ALL
       SELECT p.region_id, p.month, r.rule, p.area_id, p.profession_group, 0, p.hours, p.cost_sek
         FROM purchased_hours p
         JOIN dispensations d ON d.order_id = p.order_id AND d.status IN ('APPROVED', 'EXPIRED', 'REVOKED')
        CROSS JOIN LATERAL (SELECT DISTINCT e ->> 'rule' AS rule FROM jsonb_array_elements(d.rules) e) r
     ) x
    GROUP BY 1, 2, 3, 4, 5`,
];

const ROLLUP_TABLES = ['hired_monthly', 'hired_area_monthly', 'own_monthly', 'dispensation_monthly'];

/** CPU time (user + system, ms) of a process of this machine; null once it is gone. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * The CPU time PostgreSQL spends for the connections of `applicationName` while `work` runs: their
 * backends are looked up every 20 ms and their CPU read from /proc (what a backend uses in its
 * last 20 ms is missed). On a machine shared with other work this moves much less than wall time.
 */
async function backendCpuWhile(client, applicationName, work) {
  const seen = new Map();
  let running = true;
  const poll = (async () => {
    while (running) {
      const { rows } = await client.query(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
        [applicationName],
      );
      for (const { pid } of rows) {
        const ms = processCpuMs(pid);
        if (ms !== null) seen.set(pid, { first: seen.get(pid)?.first ?? ms, last: ms });
      }
      await sleep(20);
    }
  })();
  try {
    return { result: await work(), cpuMs: () => [...seen.values()].reduce((t, v) => t + v.last, 0) };
  } finally {
    running = false;
    await poll;
  }
}

/**
 * The full recompute (`cli.js rollups:recompute`) against the raw aggregation, alternating
 * runs; both start from empty tables. The recompute's time is the one it logs (the work, from
 * its first query to its last commit); the process's wall time, with start-up, is kept beside.
 */
export async function rollupRecompute({ client, env, runs, say }) {
  for (const table of ROLLUP_TABLES) {
    await client.query(`CREATE TABLE bench_${table} (LIKE ${table} INCLUDING ALL)`);
  }
  const raw = [];
  const work = [];
  const wall = [];
  // CPU time of PostgreSQL's backend for each side (the CLI's backends are new in each run)
  const rawCpu = [];
  const workCpu = [];
  for (let run = 0; run < runs; run++) {
    await client.query(`TRUNCATE ${ROLLUP_TABLES.map((t) => `bench_${t}`).join(', ')}`);
    await client.query('CHECKPOINT');
    // A new connection, as the CLI opens one: a new backend's first aggregations cost more than
    // a warm one's (about 0.3-0.7 s of 2 s in `quick`, docs/performance.md, issue 17).
    const rawClient = await connect(env.DATABASE_URL);
    const {
      rows: [{ pid: rawBackend }],
    } = await rawClient.query('SELECT pg_backend_pid() AS pid');
    const cpuBefore = processCpuMs(rawBackend);
    try {
      const started = performance.now();
      for (const sql of RAW_ROLLUP_SQL) await rawClient.query(sql);
      raw.push(performance.now() - started);
      if (cpuBefore !== null) rawCpu.push(processCpuMs(rawBackend) - cpuBefore);
    } finally {
      await rawClient.end();
    }

    await client.query(`TRUNCATE ${ROLLUP_TABLES.join(', ')}`);
    await client.query('CHECKPOINT');
    const watcher = await connect(env.DATABASE_URL);
    const {
      result: { output, ms },
      cpuMs,
    } = await backendCpuWhile(watcher, 'hyrkoll-cli', () => runCli(['rollups:recompute'], env)).finally(() =>
      watcher.end(),
    );
    if (cpuBefore !== null) workCpu.push(cpuMs());
    const logged = /recomputed (\d+) region-months of (\d+) regions in (\d+) ms/.exec(output);
    if (!logged) throw new Error(`rollups:recompute did not log its time:\n${output}`);
    work.push(Number(logged[3]));
    wall.push(ms);
    say(
      `  run ${run + 1}: raw ${(raw.at(-1) / 1000).toFixed(2)} s, recompute ${(work.at(-1) / 1000).toFixed(2)} s ` +
        `(${logged[1]} region-months; process ${(ms / 1000).toFixed(2)} s); ` +
        `PostgreSQL's CPU: raw ${rawCpu.at(-1) ?? '?'} ms, recompute ${workCpu.at(-1) ?? '?'} ms`,
    );
  }
  const { rows } = await client.query(
    `SELECT ${ROLLUP_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
  );
  for (const table of ROLLUP_TABLES) await client.query(`DROP TABLE bench_${table}`);
  const measured = median(work) / 1000;
  const baseline = median(raw) / 1000;
  return figure('Full rollup recompute (cli.js rollups:recompute)', {
    measured,
    baseline,
    unit: 's',
    ratio: measured / baseline,
    target: { text: '≤ 1.5× the raw time' },
    holds: measured / baseline <= 1.5,
    details: {
      workMs: work,
      processMs: wall,
      rawMs: raw,
      // PostgreSQL's CPU for each side: the ratio a machine shared with other work leaves alone
      rawBackendCpuMs: rawCpu,
      workBackendCpuMs: workCpu,
      cpuRatio: workCpu.length > 0 ? median(workCpu) / median(rawCpu) : null,
      rollupRows: rows[0],
    },
  });
}

// ─── HTTP load: metrics and order submit against the bare session endpoint ─────────────────

const BASELINE_PATH = '/api/health/session';

const cpuText = (cpu) =>
  cpu ? `${cpu.api.toFixed(2)} / ${cpu.worker.toFixed(2)} / ${cpu.postgres.toFixed(2)} ms` : 'not counted';

async function againstBaseline({ baseUrl, session, load, path, requests, say }) {
  const baseline = await loadTest({ ...load, url: `${baseUrl}${BASELINE_PATH}`, headers: session.headers });
  const measured = await loadTest({
    ...load,
    url: `${baseUrl}${path ?? ''}`,
    headers: session.headers,
    requests,
  });
  say(
    `  CPU per request, API / worker / PostgreSQL: baseline ${cpuText(baseline.cpuMsPerRequest)}, measured ${cpuText(measured.cpuMsPerRequest)}`,
  );
  return { baseline, measured };
}

/**
 * A request that cannot be answered from the metrics cache: the region's metrics version is
 * raised first (as a recompute would), so the answer is computed from the rollups.
 */
async function uncachedLatencies({ baseUrl, session, client, regionId, path, count = 20 }) {
  const { rows } = await client.query(`SELECT to_regclass('metrics_versions') IS NOT NULL AS cached`);
  const latencies = [];
  for (let i = 0; i < count; i++) {
    if (rows[0].cached) {
      await client.query('UPDATE metrics_versions SET version = version + 1 WHERE region_id = $1', [
        regionId,
      ]);
    }
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: session.headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

/**
 * A metrics endpoint under load: throughput and p99 against the baseline endpoint; and, for
 * information, the latency of answers computed afresh (what the cache saves).
 */
export async function metricsLoad({ baseUrl, session, client, regionId, load, label, path, say }) {
  const { baseline, measured } = await againstBaseline({ baseUrl, session, load, path, say });
  const uncached = await uncachedLatencies({ baseUrl, session, client, regionId, path });
  const throughput = measured.requestsPerSecond / baseline.requestsPerSecond;
  const p99 = measured.p99Ms / baseline.p99Ms;
  const details = { path, measured, baseline, uncachedMs: uncached };
  return [
    figure(`${label}: throughput`, {
      measured: measured.requestsPerSecond,
      baseline: baseline.requestsPerSecond,
      unit: 'req/s',
      ratio: throughput,
      target: { text: '≥ 0.5× the baseline' },
      holds: throughput >= 0.5 && measured.failed === 0,
      details,
    }),
    figure(`${label}: p99 latency`, {
      measured: measured.p99Ms,
      baseline: baseline.p99Ms,
      unit: 'ms',
      ratio: p99,
      target: { text: '≤ 2× the baseline p99' },
      holds: p99 <= 2 && measured.failed === 0,
      details,
    }),
    figure(`${label}: uncached, one request at a time`, {
      measured: percentile(uncached, 50),
      unit: 'ms (p50)',
      target: { text: 'none (for information)' },
      holds: null,
      details: { uncachedMs: uncached },
    }),
  ];
}

/** A table's columns in their order, but the `except` ones, as a list for SQL. */
async function columnsOf(client, table, except) {
  const { rows } = await client.query(
    `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS list
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND NOT (column_name = ANY($2))`,
    [table, except],
  );
  return rows[0].list;
}

const MAX_SUBMITS_PER_SECOND = 2000;

const JUSTIFICATION = {
  patientSafetyNeed: 'Enheten saknar läkare; patienterna får ingen läkarkontakt',
  alternativesTried: 'Annonserat två gånger, frågat bemanningspoolen och erbjudit övertid',
};

/**
 * Order submit under load. Drafts are made first (one through the API per region, then
 * copied in SQL); each request submits the next one with its unit manager's session, so
 * every request runs the rules, the state change, the dispensation and the audit trail.
 *
 * The baseline is the same statements run by PostgreSQL alone (`submit-baseline.mjs`): one
 * transaction in one round trip a submit, on as many connections as the API's pool, over drafts
 * of their own. The session endpoint is measured too, for information. The order: session
 * endpoint, SQL baseline, submits through the API.
 */
export async function orderSubmitLoad({ baseUrl, client, databaseUrl, poolSize, managers, load, say }) {
  const drafts = [];
  const baselineDrafts = [];
  const regions = [];
  let sample = null;
  // Enough drafts for the fastest submit rate thinkable here; a reused draft would answer 409.
  const perRegion = Math.ceil(
    ((load.warmupSeconds + load.seconds) * MAX_SUBMITS_PER_SECOND) / managers.length,
  );
  const columns = await columnsOf(client, 'orders', ['id', 'reference']);
  for (const [index, { session, unitId }] of managers.entries()) {
    const template = await session.post('/api/orders', {
      unitId,
      profession: 'LAKARE',
      competenceLevel: 'SPECIALIST',
      specialty: 'Allmänmedicin',
      periodStart: '2027-03-01',
      periodEnd: '2027-05-23',
      hours: '480.00',
      reason: 'VACANCY',
      reasonText: 'Vakant distriktsläkartjänst',
    });
    // one copy more than both sides need: the first is submitted through the API to show the
    // audit events a submit writes, which the baseline's events copy
    const { rows } = await client.query(
      `INSERT INTO orders (id, reference, ${columns})
       SELECT gen_random_uuid(), t.reference || '-' || g, ${columns.replace(/(^|, )/g, '$1t.')}
         FROM orders t, generate_series(0, $2::int) g WHERE t.id = $1 RETURNING id`,
      [template.id, 2 * perRegion],
    );
    const [first, ...rest] = rows;
    if (index === 0) sample = { id: first.id, session };
    else rest.push(first);
    rest.forEach((row, i) =>
      (i % 2 ? baselineDrafts : drafts).push(
        i % 2 ? { id: row.id, region: index } : { id: row.id, headers: session.headers },
      ),
    );
    const {
      rows: [t],
    } = await client.query(
      `SELECT o.region_id, o.unit_id, o.area_id, o.rules::text AS rules, o.estimate::text AS estimate,
              o.estimated_total::text AS estimated_total, o.created_by,
              (SELECT encode(s.token_hash, 'hex') FROM sessions s WHERE s.user_id = o.created_by
                ORDER BY s.created_at DESC LIMIT 1) AS token_hash
         FROM orders o WHERE o.id = $1`,
      [template.id],
    );
    regions.push({
      regionId: t.region_id,
      unitId: t.unit_id,
      areaId: t.area_id,
      rules: t.rules,
      estimate: t.estimate,
      estimatedTotal: t.estimated_total,
      userId: t.created_by,
      tokenHash: t.token_hash,
    });
  }
  await client.query('ANALYZE orders');
  const submitted = await sample.session.post(`/api/orders/${sample.id}/submit`, {
    version: 1,
    justification: JUSTIFICATION,
  });
  const { rows: events } = await client.query(
    `SELECT action, entity_type, actor_name, before, after FROM audit_events
      WHERE region_id = $1 AND ((entity_type = 'order' AND entity_id = $2)
         OR (entity_type = 'dispensation' AND entity_id = $3))
      ORDER BY seq`,
    [regions[0].regionId, submitted.id, submitted.dispensationId],
  );
  if (events.length !== 4) throw new Error(`a submit wrote ${events.length} audit events, not 4`);
  // Mix the regions (the ids are random), as the load of a national deployment would.
  drafts.sort((a, b) => (a.id < b.id ? -1 : 1));
  baselineDrafts.sort((a, b) => (a.id < b.id ? -1 : 1));
  say(`  ${drafts.length} drafts for the API, ${baselineDrafts.length} for the SQL baseline`);

  const session = managers[0].session;
  const endpoint = await loadTest({ ...load, url: `${baseUrl}${BASELINE_PATH}`, headers: session.headers });
  const sql = await submitBaseline({
    databaseUrl,
    drafts: baselineDrafts,
    regions,
    events,
    justification: JUSTIFICATION,
    connections: poolSize,
    warmupSeconds: load.warmupSeconds,
    seconds: load.seconds,
  });
  if (sql.ranOut) say('  warning: the SQL baseline ran out of drafts');
  let next = 0;
  const body = JSON.stringify({ version: 1, justification: JUSTIFICATION });
  const requests = [
    {
      method: 'POST',
      setupRequest(request) {
        const draft = drafts[next++ % drafts.length];
        return {
          ...request,
          path: `/api/orders/${draft.id}/submit`,
          headers: { ...draft.headers, 'content-type': 'application/json' },
          body,
        };
      },
    },
  ];
  const measured = await loadTest({ ...load, url: baseUrl, headers: session.headers, requests });
  if (next > drafts.length)
    say(`  warning: the drafts ran out (${next} requests for ${drafts.length} drafts)`);
  const sqlCpu = sql.cpuMsPerSubmit;
  say(
    `  CPU per request, API / worker / PostgreSQL: session endpoint ${cpuText(endpoint.cpuMsPerRequest)}, submit ${cpuText(measured.cpuMsPerRequest)}; ` +
      `SQL baseline, benchmark / PostgreSQL: ${sqlCpu ? `${sqlCpu.client.toFixed(2)} / ${sqlCpu.postgres.toFixed(2)} ms` : 'not counted'}`,
  );
  say(
    `  submits/s: API ${measured.requestsPerSecond.toFixed(0)} (p99 ${measured.p99Ms} ms, ${load.connections} connections), ` +
      `SQL baseline ${sql.submitsPerSecond.toFixed(0)} (p99 ${sql.p99Ms?.toFixed(1)} ms, ${sql.connections} connections, ${sql.failed} failed)`,
  );
  const details = { measured, baseline: sql, sessionEndpoint: endpoint, regions: managers.length };
  const ratio = measured.requestsPerSecond / sql.submitsPerSecond;
  const endpointRatio = measured.requestsPerSecond / endpoint.requestsPerSecond;
  return [
    figure('Order submit against its own statements in one transaction (SQL baseline)', {
      measured: measured.requestsPerSecond,
      baseline: sql.submitsPerSecond,
      unit: 'req/s',
      ratio,
      target: { text: '≥ 0.5× the baseline' },
      holds: ratio >= 0.5 && measured.failed === 0 && sql.failed === 0 && !sql.ranOut,
      details,
    }),
    figure('Order submit against the session endpoint (SELECT 1)', {
      measured: measured.requestsPerSecond,
      baseline: endpoint.requestsPerSecond,
      unit: 'req/s',
      ratio: endpointRatio,
      target: { text: 'none (for information)' },
      holds: null,
      details: { measured, baseline: endpoint },
    }),
  ];
}

// ─── Imports ──────────────────────────────────────────────────────────────────────────────

/**
 * One month of one region imported again (a corrected file, different amounts each time),
 * timed from the start of the upload until the metrics API shows the month's new total.
 */
export async function importToMetricsLatency({
  purchaser,
  steering,
  world,
  profile,
  sizes,
  files,
  count,
  say,
}) {
  const region = world.regions[0];
  const months = monthsEndingAtHistoryEnd(sizes.months);
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const monthIndex = months.length - 1 - (i % 6);
    const file = join(files, `month-${i}.csv`);
    const written = await writePurchasedHoursFile(
      file,
      world,
      profile,
      sizes,
      region,
      [monthIndex],
      sizes.purchasedPerRegionMonth,
      1000 + i,
    );
    const month = written.months[0];
    const expected = twoPlaces(written.totals[month]);
    const path = `/api/metrics/costs?from=${month}&to=${month}&groupBy=none`;
    const started = performance.now();
    // under the generated history's source (decision 017), so that the month is replaced
    const imp = await purchaser.upload('/api/imports/purchased-hours?source=legacy', file);
    await confirmImport(purchaser, imp.id, { intervalMs: 20 });
    for (let polls = 0; ; polls++) {
      const costs = await steering.get(path);
      if (costs.total.months[0]?.current === expected) break;
      if (polls % 20 === 19) {
        const state = await purchaser.get(`/api/imports/${imp.id}`);
        if (state.status === 'REFUSED' || state.status === 'FAILED')
          throw new Error(`import ${imp.id} ${state.status}`);
      }
      if (performance.now() - started > 120_000) throw new Error(`month ${month} not visible after 120 s`);
      await sleep(20);
    }
    latencies.push(performance.now() - started);
    say(`  ${month} (${written.rows} rows): visible after ${Math.round(latencies.at(-1))} ms`);
  }
  const p50 = percentile(latencies, 50);
  return figure('Import of one month (one region) → visible in the metrics API', {
    measured: p50,
    unit: 'ms (p50)',
    target: { text: 'p50 < 2 000 ms' },
    holds: p50 < 2000,
    details: {
      latenciesMs: latencies,
      p90Ms: percentile(latencies, 90),
      maxMs: Math.max(...latencies),
      rowsPerFile: sizes.purchasedPerRegionMonth,
    },
  });
}

/**
 * What PostgreSQL alone needs to write the rows an import wrote into a table shaped like the
 * fact table (the same columns, defaults, checks, indexes, and keys: foreign keys and the
 * triggers that check keys per statement): the import's facts are copied out (not timed), then
 * each run copies them into an empty scratch table of that shape; and, to show what the keys
 * cost, into one without them. Median of `runs`.
 */
async function factTableCopy(client, importId, files, runs) {
  if (!/^[0-9a-f-]{36}$/.test(importId)) throw new Error(`unexpected import id ${importId}`);
  const columns = await columnsOf(client, 'purchased_hours', ['id']);
  const dump = join(files, 'big-import-facts.copy');
  await pipeline(
    client.query(
      copyStreams.to(
        `COPY (SELECT ${columns} FROM purchased_hours WHERE import_id = '${importId}') TO STDOUT`,
      ),
    ),
    createWriteStream(dump),
  );
  const { rows: keys } = await client.query(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'purchased_hours'::regclass AND contype = 'f' ORDER BY conname`,
  );
  // the keys checked once a statement (decision 016) are triggers, which LIKE does not copy
  const { rows: keyTriggers } = await client.query(
    `SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger
      WHERE tgrelid = 'purchased_hours'::regclass AND NOT tgisinternal ORDER BY tgname`,
  );
  const timeCopies = async (table) => {
    const times = [];
    for (let run = 0; run < runs; run++) {
      await client.query(`TRUNCATE ${table}`);
      await client.query('CHECKPOINT');
      const started = performance.now();
      await copyBytes(client, `COPY ${table} (${columns}) FROM STDIN`, createReadStream(dump));
      times.push(performance.now() - started);
    }
    await client.query(`DROP TABLE ${table}`);
    return times;
  };
  await client.query('CREATE TABLE bench_facts_unkeyed (LIKE purchased_hours INCLUDING ALL)');
  const unkeyedMs = await timeCopies('bench_facts_unkeyed');
  await client.query('CREATE TABLE bench_facts_keyed (LIKE purchased_hours INCLUDING ALL)');
  for (const key of keys) {
    await client.query(`ALTER TABLE bench_facts_keyed ADD CONSTRAINT bench_${key.conname} ${key.def}`);
  }
  for (const trigger of keyTriggers) {
    await client.query(
      trigger.def
        .replace(`TRIGGER ${trigger.tgname} `, `TRIGGER bench_${trigger.tgname} `)
        .replace(/ ON (public\.)?purchased_hours /, ' ON bench_facts_keyed '),
    );
  }
  const keyedMs = await timeCopies('bench_facts_keyed');
  await client.query('CHECKPOINT');
  return {
    keyedMs,
    unkeyedMs,
    foreignKeys: keys.map((k) => k.def),
    keyTriggers: keyTriggers.map((t) => t.def),
  };
}

/**
 * The big import: throughput through upload, queue, validation and writing, against what
 * PostgreSQL alone needs to COPY the facts it wrote into a table of the fact table's shape (the
 * target) and against a raw COPY of the same file into text columns (for information); and the
 * peak memory of the API and the worker while it runs.
 */
export async function bigImport({ purchaser, app, client, world, profile, sizes, files, runs, say }) {
  const region = world.regions[0];
  const monthIndexes = Array.from({ length: 12 }, (_, i) => sizes.months - 12 + i);
  const file = join(files, 'big-import.csv');
  const written = await writePurchasedHoursFile(
    file,
    world,
    profile,
    sizes,
    region,
    monthIndexes,
    Math.ceil(profile.bigImportRows / 12),
    7,
  );
  await client.query(`CREATE TABLE bench_copy_scratch (month text, unit_code text, profession_group text,
      supplier text, hours text, cost_sek text, order_ref text)`);
  const rawMs = [];
  for (let run = 0; run < runs; run++) {
    await client.query('TRUNCATE bench_copy_scratch');
    await client.query('CHECKPOINT');
    const started = performance.now();
    await copyBytes(
      client,
      `COPY bench_copy_scratch FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)`,
      createReadStream(file),
    );
    rawMs.push(performance.now() - started);
  }
  await client.query('DROP TABLE bench_copy_scratch');
  await client.query('CHECKPOINT');

  const watch = watchMemory([app.pids.api, app.pids.worker]);
  const started = performance.now();
  const imp = await purchaser.upload('/api/imports/purchased-hours?source=legacy', file);
  const uploadMs = performance.now() - started;
  // upload, validation into the pending rows, confirmation and the write (decision 017)
  const done = await waitForImport(purchaser, imp.id, { intervalMs: 100 });
  const importMs = performance.now() - started;
  const peaks = watch.stop();
  app.assertRunning();
  if (done.rowsWritten !== written.rows)
    throw new Error(`import wrote ${done.rowsWritten} of ${written.rows} rows`);

  const rowsPerSecond = written.rows / (importMs / 1000);
  const rawRowsPerSecond = written.rows / (median(rawMs) / 1000);
  const factCopy = await factTableCopy(client, imp.id, files, runs);
  const factRowsPerSecond = written.rows / (median(factCopy.keyedMs) / 1000);
  say(
    `  ${written.rows} rows: upload ${(uploadMs / 1000).toFixed(1)} s, done after ${(importMs / 1000).toFixed(1)} s; raw COPY ${(median(rawMs) / 1000).toFixed(1)} s; COPY of the facts into the fact table's shape ${(median(factCopy.keyedMs) / 1000).toFixed(1)} s (without its keys ${(median(factCopy.unkeyedMs) / 1000).toFixed(1)} s)`,
  );
  const memory = (name, pid) =>
    figure(`Peak RSS of the ${name} while importing ${thousands(written.rows)} rows`, {
      measured: peaks.get(pid),
      unit: 'MiB',
      target: { text: '< 512 MiB' },
      holds: peaks.get(pid) < 512,
      details: { kernelPeak: watch.kernelPeak },
    });
  return [
    figure('Import throughput against a COPY of the written facts into the fact table’s shape', {
      measured: rowsPerSecond,
      baseline: factRowsPerSecond,
      unit: 'rows/s',
      ratio: rowsPerSecond / factRowsPerSecond,
      target: { text: '≥ 0.8× the facts’ own COPY' },
      holds: rowsPerSecond / factRowsPerSecond >= 0.8,
      details: { rows: written.rows, uploadMs, importMs, bytes: done.sizeBytes, ...factCopy },
    }),
    figure('Import throughput against a raw COPY of the file into text columns', {
      measured: rowsPerSecond,
      baseline: rawRowsPerSecond,
      unit: 'rows/s',
      ratio: rowsPerSecond / rawRowsPerSecond,
      target: { text: 'none (for information)' },
      holds: null,
      details: { rows: written.rows, uploadMs, importMs, rawCopyMs: rawMs, bytes: done.sizeBytes },
    }),
    memory('API', app.pids.api),
    memory('worker', app.pids.worker),
  ];
}
