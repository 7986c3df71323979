// The benchmark's throwaway database: found or started like the test command does, created
// under a random name, dropped at the end. Bulk setup goes in with COPY.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { portOpen, ROOT, say } from '../../.ci/lib/proc.mjs';
import { startEmbeddedPostgres } from '../../.ci/lib/postgres.mjs';

const MACHINE_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The PostgreSQL server to use: BENCH_DATABASE_ADMIN_URL (or the test command's
 * TEST_DATABASE_ADMIN_URL), else the machine's server on 5432, else a private embedded one.
 * @returns {Promise<{ adminUrl: string, description: string, stop: () => Promise<void> }>}
 */
export async function ensurePostgresServer() {
  const given = process.env.BENCH_DATABASE_ADMIN_URL || process.env.TEST_DATABASE_ADMIN_URL;
  if (given) return { adminUrl: given, description: 'given admin URL', stop: async () => undefined };
  if (await portOpen(5432)) {
    return { adminUrl: MACHINE_PG, description: 'PostgreSQL on 127.0.0.1:5432', stop: async () => undefined };
  }
  say('No PostgreSQL on 127.0.0.1:5432; starting a private embedded one for this run …');
  const dataDir = join(ROOT, 'tmp/bench-postgres');
  rmSync(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres(dataDir, { preferredPort: 0 });
  return {
    adminUrl: server.adminUrl('postgres'),
    description: `embedded PostgreSQL on port ${server.port}`,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function onAdmin(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `hyrkoll_bench_<random>`; `drop()` removes it with any connection left open. */
export async function createThrowawayDatabase(adminUrl) {
  const name = `hyrkoll_bench_${randomBytes(4).toString('hex')}`;
  await onAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => onAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function connect(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'hyrkoll-bench' });
  await client.connect();
  return client;
}

/**
 * A value in COPY text format: `\N` for null; arrays as SQL arrays, other objects as JSON;
 * backslash, tab and line breaks escaped.
 */
export function copyValue(value) {
  if (value === null || value === undefined) return '\\N';
  const text =
    typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? `{${value.join(',')}}`
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

/** COPY text of records, in chunks of a few thousand rows so that the stream moves large pieces. */
function* copyText(records, columns) {
  let chunk = '';
  let count = 0;
  for (const record of records) {
    chunk += `${columns.map((column) => copyValue(record[column])).join('\t')}\n`;
    if (++count === 2000) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (chunk) yield chunk;
}

/**
 * Streams records into a table with COPY: one object per row, its keys the columns (those of the
 * first record). Takes any iterable, so that generators can produce rows without holding them.
 */
export async function copyRecords(client, table, records) {
  const iterator = records[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return 0;
  const columns = Object.keys(first.value);
  const all = (function* () {
    yield first.value;
    for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
  })();
  const sink = client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyText(all, columns)), sink);
  return Number(sink.rowCount);
}

/** Streams raw bytes (a readable, e.g. a CSV file) into `COPY … FROM STDIN <options>`. */
export async function copyBytes(client, sql, source) {
  const sink = client.query(copyStreams.from(sql));
  await pipeline(source, sink);
  return Number(sink.rowCount);
}
