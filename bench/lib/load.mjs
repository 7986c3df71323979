// HTTP load with autocannon: a warm-up that is thrown away, then the measured run.
import autocannon from 'autocannon';
import { cpuClock } from './app.mjs';

function runOnce(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Loads `url` with `connections` concurrent connections: `warmupSeconds` first (not counted),
 * then `seconds` measured. `requests` are autocannon request definitions (for per-request
 * paths or bodies). Returns throughput of successful answers, latency percentiles (ms) and,
 * given the app's `pids`, the CPU time per request of the API, the worker and PostgreSQL.
 */
export async function loadTest({ url, headers, requests, connections, warmupSeconds, seconds, pids }) {
  const base = { url, headers, requests, connections, pipelining: 1, timeout: 30 };
  if (warmupSeconds > 0) await runOnce({ ...base, duration: warmupSeconds });
  const clock = pids ? cpuClock(pids) : null;
  const result = await runOnce({ ...base, duration: seconds });
  const ok = result['2xx'];
  return {
    cpuMsPerRequest: clock?.stop(result.requests.total) ?? null,
    requestsPerSecond: ok / (result.duration || seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
  };
}
