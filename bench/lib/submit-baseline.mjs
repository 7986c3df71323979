// The order submit's baseline: the statements a submit sends to PostgreSQL, written out here,
// run in one transaction and one round trip each, with no application in between.
//
// What `POST /api/orders/:id/submit` sends for a draft that needs a dispensation (the case the
// benchmark loads), in order: the session lookup, START TRANSACTION, the order locked and read
// with its assessment lookup, the conditional update of the order, the dispensation inserted with
// its e-mail's outbox row, the four audit events appended to the region's chain (`audit_append`),
// COMMIT. The texts below copy the shapes of those statements as the API sends them (seen in the
// PostgreSQL log with `log_statement = 'all'`); when a submit's statements change, change these.
// Each connection prepares them once (the API prepares them too) and then sends each submit as
// one simple query: `BEGIN; EXECUTE …; …; COMMIT`.
//
// What the baseline leaves out, being no part of the submit's statements: the rules, the checks
// and the JSON in the API, and the worker's e-mail (its outbox rows carry a queue prefix that no
// relay reads).
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { readFileSync } from 'node:fs';

/** The statements, prepared once per connection; `$n` as in the API's own texts. */
export const SUBMIT_STATEMENTS = {
  /** The session of the request (every authenticated request). */
  session: `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, u.id AS user_id, u.region_id, u.name, u.email, u.locale,
          COALESCE((SELECT json_agg(json_build_object('role', a.role, 'unitId', a.unit_id, 'areaId', a.area_id))
                    FROM role_assignments a WHERE a.user_id = u.id), '[]') AS grants
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
  /** The order locked and read with what its assessment needs (price, allowance, policy). */
  read: `SELECT o.*, l.area_id AS lookup_area_id, l.price_zone AS lookup_price_zone, l.tariff AS lookup_tariff,
         l.allowance AS lookup_allowance, l.policy AS lookup_policy
    FROM (
  SELECT o.*, u.name AS unit_name, u.cost_centre, a.name AS area_name, cu.name AS created_by_name,
         (SELECT d.id FROM dispensations d WHERE d.order_id = o.id ORDER BY d.created_at DESC LIMIT 1) AS dispensation_id
    FROM orders o
    JOIN units u ON u.id = o.unit_id
    JOIN areas a ON a.id = o.area_id
    JOIN users cu ON cu.id = o.created_by WHERE o.id = $1 AND o.region_id = $2 FOR UPDATE OF o) o
    LEFT JOIN LATERAL (
  SELECT u.area_id, mu.price_zone,
         (SELECT p.hourly_rate FROM price_list p
           WHERE p.region_id = u.region_id AND p.profession = o.profession AND p.competence_level = o.competence_level
             AND p.price_zone = mu.price_zone AND o.period_start::date BETWEEN p.valid_from AND COALESCE(p.valid_to, 'infinity')) AS tariff,
         (SELECT t.amount_per_week FROM travel_allowances t
           WHERE t.region_id = u.region_id AND o.period_start::date BETWEEN t.valid_from AND COALESCE(t.valid_to, 'infinity')) AS allowance,
         (SELECT dp.policy FROM dispensation_policies dp WHERE dp.region_id = u.region_id) AS policy
    FROM units u JOIN municipalities mu ON mu.id = u.municipality_id
   WHERE u.id = o.unit_id AND u.region_id = o.region_id) l
      ON true`,
  /** DRAFT to AWAITING_DISPENSATION, on the version the caller saw. */
  update: `UPDATE orders SET status = $3, version = version + 1, updated_at = now(), submitted_at = $5, rules = $6, estimate = $7, estimated_total = $8
      WHERE id = $1 AND region_id = $2 AND status = ANY($4) AND version = $9 RETURNING *`,
  /** The dispensation, its e-mail job in the outbox, and the dispensation read back with its names. */
  open: `WITH inserted AS (
       INSERT INTO dispensations (id, region_id, order_id, unit_id, area_id, status, step, steps_required, rules,
         patient_safety_need, alternatives_tried, requested_by, estimated_cost, version)
       VALUES ($1, $2, $3, $4, $5, 'UNDER_REVIEW', 1, $6, $7, $8, $9, $10, $11, 1) RETURNING *),
     queued AS (INSERT INTO outbox (queue_prefix, queue, job_name, job_id, data, options)
       SELECT $12, * FROM unnest($13::text[], $14::text[], $15::text[], $16::jsonb[], $17::jsonb[]))
  SELECT d.*, o.reference AS order_reference, u.name AS unit_name, a.name AS area_name, rq.name AS requested_by_name,
         (SELECT json_agg(json_build_object('step', x.step, 'outcome', x.outcome, 'decidedById', x.decided_by,
                   'decidedByName', xu.name, 'decidedAt', x.decided_at, 'comment', x.comment) ORDER BY x.decided_at)
            FROM dispensation_decisions x JOIN users xu ON xu.id = x.decided_by
           WHERE x.dispensation_id = d.id) AS decisions,
         EXISTS (SELECT 1 FROM role_assignments ca JOIN users cu ON cu.id = ca.user_id
                  WHERE ca.region_id = d.region_id AND ca.role = 'AREA_CHIEF' AND ca.area_id = d.area_id
                    AND cu.active AND cu.id <> d.requested_by) AS area_chief_available
    FROM inserted d
    JOIN orders o ON o.id = d.order_id
    JOIN units u ON u.id = d.unit_id
    JOIN areas a ON a.id = d.area_id
    JOIN users rq ON rq.id = d.requested_by`,
  /**
   * The four events appended to the region's chain. The API chains them in its process to the
   * newest hash it knows; here the newest hash is read in the statement, after the chain's lock
   * is taken by the statement before (the same lock `audit_append` takes), so that it cannot miss.
   */
  lock: `SELECT pg_advisory_xact_lock(4242, hashtext($1::text))`,
  append: `SELECT appended, head FROM audit_append($1,
     (SELECT a.hash FROM audit_events a WHERE a.region_id = $1 ORDER BY a.seq DESC LIMIT 1), $2::jsonb)`,
};

const NOTIFICATION_OPTIONS = JSON.stringify({
  backoff: { type: 'exponential', delay: 5000 },
  attempts: 8,
  removeOnFail: { age: 2592000 },
  removeOnComplete: { age: 604800, count: 10000 },
});

const hex64 = () => randomBytes(32).toString('hex');

/** CPU time (user + system, ms) of some processes; one that is gone counts 0. */
function cpuMsOf(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // not on this machine (a remote server) or ended
    }
  }
  return total;
}

/**
 * Everything a baseline submit of `draft` needs, made before it is timed: the parameters the API
 * would bind, and the four audit events shaped like those the API wrote for a submit of the
 * same template (`events`: its rows from audit_events, in order), with new ids and hashes.
 */
function submitText(escape, { draft, region, events, justification, outboxPrefix }) {
  const l = (value) => (value === null || value === undefined ? 'NULL' : escape(String(value)));
  const dispensationId = randomUUID();
  const now = new Date().toISOString();
  const requestId = randomUUID();
  const appended = events.map((e) => ({
    id: randomUUID(),
    regionId: region.regionId,
    occurredAt: now,
    actorUserId: region.userId,
    actorName: e.actor_name,
    requestId,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_type === 'order' ? draft.id : dispensationId,
    before: e.before,
    after: e.after,
    prevHash: hex64(),
    hash: hex64(),
  }));
  const job = JSON.stringify({ version: 1, regionId: region.regionId, dispensationId });
  return [
    'BEGIN',
    `EXECUTE bench_submit_session(${l(`\\x${region.tokenHash}`)})`,
    `EXECUTE bench_submit_read(${l(draft.id)}, ${l(region.regionId)})`,
    `EXECUTE bench_submit_update(${[
      draft.id,
      region.regionId,
      'AWAITING_DISPENSATION',
      '{DRAFT}',
      now,
      region.rules,
      region.estimate,
      region.estimatedTotal,
      1,
    ]
      .map(l)
      .join(', ')})`,
    `EXECUTE bench_submit_open(${[
      dispensationId,
      region.regionId,
      draft.id,
      region.unitId,
      region.areaId,
      1,
      region.rules,
      justification.patientSafetyNeed,
      justification.alternativesTried,
      region.userId,
      region.estimatedTotal,
      outboxPrefix,
      '{notifications}',
      '{dispensation-waiting}',
      `{dispensation-waiting-${dispensationId}-1}`,
      `{${JSON.stringify(job)}}`,
      `{${JSON.stringify(NOTIFICATION_OPTIONS)}}`,
    ]
      .map(l)
      .join(', ')})`,
    `EXECUTE bench_submit_lock(${l(region.regionId)})`,
    `EXECUTE bench_submit_append(${l(region.regionId)}, ${l(JSON.stringify(appended))})`,
    'COMMIT',
  ].join(';\n');
}

/**
 * Runs the baseline: `connections` connections (as many as the API's pool) each send one
 * submit after the other for `warmupSeconds` (not counted) and `seconds`. Every draft is
 * submitted once. Returns submits per second, latencies and PostgreSQL's CPU per submit.
 */
export async function submitBaseline({
  databaseUrl,
  drafts,
  regions,
  events,
  justification,
  connections,
  warmupSeconds,
  seconds,
}) {
  const outboxPrefix = `bench-baseline-${randomBytes(4).toString('hex')}`;
  const clients = [];
  for (let i = 0; i < connections; i++) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const [name, sql] of Object.entries(SUBMIT_STATEMENTS)) {
      await client.query(`PREPARE bench_submit_${name} AS ${sql}`);
    }
    clients.push(client);
  }
  let next = 0;
  let failed = 0;
  let ranOut = false;
  const latencies = [];
  const started = performance.now();
  const measureFrom = started + warmupSeconds * 1000;
  const end = measureFrom + seconds * 1000;
  // the CPU time of this process and of the baseline's own backends (not the whole server's,
  // which on a shared machine counts other work too)
  const backends = [];
  for (const client of clients) {
    backends.push((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  }
  let clock = null;
  let cpu = null;
  const clockStarter = setTimeout(() => {
    clock = { client: cpuMsOf([process.pid]), postgres: cpuMsOf(backends) };
  }, warmupSeconds * 1000);
  try {
    await Promise.all(
      clients.map(async (client) => {
        const escape = (text) => client.escapeLiteral(text);
        while (performance.now() < end) {
          if (next >= drafts.length) {
            ranOut = true;
            return;
          }
          const draft = drafts[next++];
          const text = submitText(escape, {
            draft,
            region: regions[draft.region],
            events,
            justification,
            outboxPrefix,
          });
          const sent = performance.now();
          try {
            const results = await client.query(text);
            const updated = results[3].rowCount === 1;
            const appended = results[6].rows[0]?.appended === true;
            if (!updated || !appended) throw new Error('the order or its events were not written');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            failed++;
            if (failed === 1) process.stderr.write(`baseline submit failed: ${error.message}\n`);
            continue;
          }
          const done = performance.now();
          if (sent >= measureFrom && done <= end) latencies.push(done - sent);
        }
      }),
    );
    // before the connections close: their backends' CPU time goes with them
    if (clock && latencies.length > 0) {
      const per = (ms) => Math.round((ms / latencies.length) * 1000) / 1000;
      cpu = {
        client: per(cpuMsOf([process.pid]) - clock.client),
        postgres: per(cpuMsOf(backends) - clock.postgres),
      };
    }
  } finally {
    clearTimeout(clockStarter);
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
  const elapsed = (Math.min(performance.now(), end) - measureFrom) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
  return {
    submitsPerSecond: latencies.length / elapsed,
    p50Ms: at(50),
    p99Ms: at(99),
    submits: latencies.length,
    failed,
    ranOut,
    connections,
    seconds: elapsed,
    // client: this process (building and sending the statements); postgres: the baseline's backends
    cpuMsPerSubmit: cpu,
  };
}
