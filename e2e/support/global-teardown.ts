import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

import { LOG_DIR } from './app-server';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown(): Promise<void> {
  const run = JSON.parse(readFileSync(join(LOG_DIR, 'run.json'), 'utf8')) as {
    databaseUrl: string;
    pids: number[];
  };
  for (const pid of run.pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (run.pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of run.pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  const name = new URL(run.databaseUrl).pathname.slice(1);
  const url = new URL(run.databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => client.end());
}
