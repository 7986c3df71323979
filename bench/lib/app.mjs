// The product as it runs in production: the built API (main.js) and worker (worker.js) as
// child processes, so that their memory can be read from /proc, and the operations CLI.
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { ROOT, waitFor } from '../../.ci/lib/proc.mjs';

const DIST = join(ROOT, 'dist/backend');

/** Runs `node dist/backend/cli.js …` to the end; rejects with its output when it fails. */
export function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(DIST, 'cli.js'), ...args], { env, cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ output, ms });
      else reject(new Error(`cli.js ${args.join(' ')} failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

/** VmRSS and VmHWM (peak) of a process, in MiB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kib('VmRSS') / 1024, peakMb: kib('VmHWM') / 1024 };
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux for x86 and arm). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used, in ms; 0 once it is gone. */
function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name, which is in parentheses and may contain spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The pids of the running PostgreSQL server's processes (postmaster, backends, helpers). */
function postgresPids() {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

/**
 * Starts counting the CPU time of the API, the worker and PostgreSQL (all of its processes on
 * this machine: run the benchmark alone); `stop(requests)` gives each one's ms per request.
 */
export function cpuClock(pids) {
  const groups = { api: [pids.api], worker: [pids.worker], postgres: postgresPids() };
  const sum = (list) => list.reduce((total, pid) => total + cpuMsOf(pid), 0);
  const started = Object.fromEntries(Object.entries(groups).map(([name, list]) => [name, sum(list)]));
  return {
    stop(requests) {
      // backends that started meanwhile count from zero; ones that ended are lost (rare here)
      const now = { ...groups, postgres: [...new Set([...groups.postgres, ...postgresPids()])] };
      return Object.fromEntries(
        Object.entries(now).map(([name, list]) => [
          name,
          Math.round(((sum(list) - started[name]) / Math.max(1, requests)) * 1000) / 1000,
        ]),
      );
    },
  };
}

/**
 * Follows the peak resident memory of some processes from now on: resets the kernel's peak
 * (VmHWM, via clear_refs) when allowed, and samples VmRSS every 50 ms in any case.
 */
export function watchMemory(pids) {
  const peaks = new Map();
  let kernelPeak = true;
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      kernelPeak = false;
    }
    peaks.set(pid, memoryOf(pid).rssMb);
  }
  const timer = setInterval(() => {
    for (const pid of pids) {
      try {
        peaks.set(pid, Math.max(peaks.get(pid), memoryOf(pid).rssMb));
      } catch {
        // the process ended; its last sample stands
      }
    }
  }, 50);
  return {
    /** Peak RSS per pid in MiB since the watch began. */
    stop() {
      clearInterval(timer);
      return new Map(
        pids.map((pid) => {
          const sampled = peaks.get(pid);
          try {
            const { peakMb } = memoryOf(pid);
            return [pid, kernelPeak ? Math.max(sampled, peakMb) : sampled];
          } catch {
            return [pid, sampled];
          }
        }),
      );
    },
    kernelPeak,
  };
}

/** Starts the API and one worker on the given environment; resolves once /api/health is green. */
export async function startApp(env, logDir) {
  const processes = {};
  const failures = [];
  for (const [name, script] of [
    ['api', 'main.js'],
    ['worker', 'worker.js'],
  ]) {
    const log = createWriteStream(join(logDir, `${name}.log`));
    // BENCH_NODE_ARGS: extra Node flags for the API and the worker, e.g. `--cpu-prof --cpu-prof-dir=tmp/prof`
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, join(DIST, script)], { env, cwd: ROOT });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on('exit', (code, signal) => {
      if (!child.stopping)
        failures.push(`${name} stopped (${signal ?? `exit code ${code}`}); see ${log.path}`);
    });
    processes[name] = child;
  }
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  await waitFor(
    async () => {
      if (failures.length > 0) throw new Error(failures.join('; '));
      const response = await fetch(`${baseUrl}/api/health`).catch(() => null);
      return response?.status === 200;
    },
    { timeoutMs: 90_000, intervalMs: 250, what: 'the API and the worker to report healthy' },
  );
  return {
    baseUrl,
    pids: { api: processes.api.pid, worker: processes.worker.pid },
    /** Throws when the API or the worker has stopped on its own. */
    assertRunning() {
      if (failures.length > 0) throw new Error(failures.join('; '));
    },
    async stop() {
      await Promise.all(
        Object.values(processes).map(
          (child) =>
            new Promise((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.stopping = true;
              const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/**
 * Waits until the worker has no job waiting or running in any queue (e-mails after the order
 * submits, rollups after imports), so that one figure's leftovers do not load the next one.
 */
export async function waitForIdleQueues(redisUrl, prefix, { timeoutMs = 300_000 } = {}) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await waitFor(
      async () => {
        const queues = new Set();
        for await (const keys of redis.scanStream({ match: `${prefix}:*:meta`, count: 1000 })) {
          for (const key of keys) queues.add(key.slice(0, -':meta'.length));
        }
        let pending = 0;
        for (const queue of queues) {
          const [wait, active, prioritized] = await Promise.all([
            redis.llen(`${queue}:wait`),
            redis.llen(`${queue}:active`),
            redis.zcard(`${queue}:prioritized`),
          ]);
          pending += wait + active + prioritized;
        }
        return pending === 0;
      },
      { timeoutMs, intervalMs: 200, what: 'the queues to empty' },
    );
  } finally {
    redis.disconnect();
  }
}
