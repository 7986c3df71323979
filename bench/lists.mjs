// `node bench/lists.mjs BASE_URL` — the lists a user opens, each asked seven times one request at a
// time, as Region Västerbotten's users of a benchmark database (the median and the fastest).
// Against a database kept by `npm run bench -- --profile national --only '' --keep-database`
// and the built API run on it (docs/performance.md, change 16). Not a figure with a target.
import { login } from './lib/http.mjs';
import { PASSWORD } from './lib/world.mjs';

const base = process.argv[2];
if (!base) {
  process.stderr.write('usage: node bench/lists.mjs BASE_URL (for example http://127.0.0.1:3000)\n');
  process.exit(2);
}
const as = (local) => login(base, `${local}.r24@bench.hyrkoll.se`, PASSWORD);
const [purchaser, chief, admin, steering] = await Promise.all(
  ['inkopare', 'omradeschef1', 'admin', 'styrgrupp'].map(as),
);

async function time(user, path) {
  const times = [];
  let body;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    body = await user.get(path);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const ms = (t) => t.toFixed(1).padStart(7);
  process.stdout.write(`${ms(times[3])} ms (fastest ${ms(times[0])} ms)  ${user.email}  ${path}\n`);
  return body;
}

const orders = await time(purchaser, '/api/orders');
await time(purchaser, '/api/orders?page=200');
await time(purchaser, '/api/orders?q=HK-2025');
await time(purchaser, '/api/orders?q=kirurgi');
await time(purchaser, '/api/orders?status=PUBLISHED');
await time(chief, '/api/orders');
await time(chief, '/api/dispensations?waitingForMe=true');
await time(chief, '/api/dispensations');
await time(purchaser, '/api/purchased-hours?from=2025-01&to=2025-12');
await time(purchaser, '/api/purchased-hours?from=2025-01&to=2025-12&page=300');
await time(purchaser, '/api/purchased-hours?supplier=bemanning');
await time(purchaser, '/api/purchased-hours?unmatched=true');
await time(purchaser, '/api/imports');
await time(admin, '/api/audit?limit=50');
await time(steering, '/api/metrics/dispensation-register?from=2025-01&to=2025-12');
await time(steering, '/api/metrics/national-comparison?from=2016-01&to=2025-12');
const id = orders.items[0]?.id;
for (const part of ['', '/timeline', '/hours', '/bids']) await time(purchaser, `/api/orders/${id}${part}`);
