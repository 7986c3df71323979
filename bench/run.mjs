// `npm run bench -- --profile quick|national [--seed N] [--only rollups,metrics,submit,latency,import]
//                  [--skip-build] [--keep-database]`   (see docs/performance.md)
//
// Only Node's own modules are loaded before `npm install` has run, so that the command works in a
// fresh clone; the benchmark itself (bench/lib/bench.mjs) is loaded after.
import { ensureDependencies, ensureProjectNode } from '../.ci/lib/proc.mjs';

await ensureDependencies();
await ensureProjectNode();
await import('./lib/bench.mjs');
