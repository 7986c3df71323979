// `npm test`: every tier of tests, then one line `N passed, N failed` summing them all.
//   lint + type-check (ESLint, zero warnings; tsc/ngc) · format (Prettier) · commit messages ·
//   unit (jest) · build ·
//   integration (jest + supertest, real PostgreSQL and Redis, throwaway database) ·
//   e2e (Playwright in Debian's Chromium against the built app)
// Starts PostgreSQL and Redis when they are not running, installs Chromium when missing.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkHistory } from './lib/commit-messages.mjs';
import { capture, ensureDependencies, ensureProjectNode, ROOT, say } from './lib/proc.mjs';
import { ensureTestServices } from './lib/test-services.mjs';

const RESULTS = join(ROOT, 'tmp/test-results');
/**
 * `npm run test:fast` (`--fast`), for the edit-run loop: lint and types, unit, the backend's build
 * and the integration specs without the load test, the fuzzing, the outages and the crashes. No
 * format check, no commit messages, no frontend build, no e2e: `npm test` stays the whole suite.
 */
const FAST = process.argv.includes('--fast');
const SLOW_INTEGRATION = '/(load|fuzz[^/]*|[^/]*-outage|[^/]*-crash)\\.int-spec\\.ts$';
const tiers = [];

function header(title) {
  say(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

/** Counts Nx tasks: each "> nx run p:t" line is a task, each "- p:t" under "Failed tasks:" a failure. */
function nxCounts({ code, output }) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const tasks = new Set([...plain.matchAll(/^> nx run (\S+:\S+)/gm)].map((m) => m[1]));
  const failedList = plain.split('Failed tasks:')[1] ?? '';
  const failed = new Set([...failedList.matchAll(/^- (\S+:\S+)/gm)].map((m) => m[1]));
  if (code !== 0 && failed.size === 0) return { passed: Math.max(tasks.size - 1, 0), failed: 1 };
  return { passed: tasks.size - failed.size, failed: failed.size };
}

/** Counts from a jest --json report; a missing report (crash) counts as one failure. */
function jestCounts(file, code) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const suitesFailedToRun = report.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
  const failed = report.numFailedTests + suitesFailedToRun;
  return { passed: report.numPassedTests, failed: code !== 0 && failed === 0 ? 1 : failed };
}

/** Counts from Playwright's JSON report: expected and flaky pass; unexpected fails. */
function playwrightCounts(file, code) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const { stats, errors = [] } = JSON.parse(readFileSync(file, 'utf8'));
  const failed = stats.unexpected + errors.length;
  return { passed: stats.expected + stats.flaky, failed: code !== 0 && failed === 0 ? 1 : failed };
}

async function tier(name, command, args, env, count) {
  header(name);
  const started = Date.now();
  const result = await capture(command, args, { env, echo: true });
  const counts = count(result);
  tiers.push({ name, ...counts, seconds: Math.round((Date.now() - started) / 1000) });
  return counts.failed === 0;
}

/** The commit-message rule (.ci/lib/commit-messages.mjs) over the commits since it was set. */
function commitMessages() {
  header('commit messages');
  const history = checkHistory();
  if (history === null) {
    say('not a git checkout: nothing to check');
    return;
  }
  for (const f of history.failures) say(`${f.commit} "${f.subject}": ${f.problems.join('; ')}`);
  say(`${history.checked} commits checked, ${history.failures.length} break the rule`);
  const failed = history.failures.length;
  tiers.push({ name: 'commit messages', passed: history.checked - failed, failed, seconds: 0 });
}

async function main() {
  await ensureDependencies();
  await ensureProjectNode();
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const services = await ensureTestServices();
  const env = {
    ...process.env,
    ...services.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
  };
  const nx = (...args) => ['nx', 'run-many', ...args, '--outputStyle=static'];

  try {
    await tier('lint + type-check', 'npx', nx('-t', 'lint', 'typecheck', '--parallel=2'), env, nxCounts);
    if (!FAST) {
      await tier('format (prettier)', 'npx', ['prettier', '--check', '.'], env, ({ code }) =>
        code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 },
      );
      commitMessages();
    }
    const unitReport = join(RESULTS, 'unit.json');
    await tier(
      'unit',
      'npx',
      ['jest', '--config', 'jest.config.ts', '--ci', '--json', `--outputFile=${unitReport}`],
      env,
      (r) => jestCounts(unitReport, r.code),
    );
    const built = await tier(
      'build',
      'npx',
      nx('-t', 'build', '-p', ...(FAST ? ['backend'] : ['backend', 'frontend'])),
      env,
      nxCounts,
    );
    const intReport = join(RESULTS, 'integration.json');
    await tier(
      'integration',
      'npx',
      [
        'jest',
        '--config',
        'backend/jest.int.config.cts',
        '--ci',
        '--runInBand',
        '--json',
        `--outputFile=${intReport}`,
        ...(FAST ? ['--testPathIgnorePatterns', SLOW_INTEGRATION] : []),
      ],
      env,
      (r) => jestCounts(intReport, r.code),
    );
    if (FAST) {
      say('\n(--fast: no format check, commit messages, frontend build or e2e; npm test runs them)');
    } else if (built) {
      await tier('e2e', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], env, (r) =>
        playwrightCounts(join(RESULTS, 'e2e.json'), r.code),
      );
    } else {
      tiers.push({ name: 'e2e (not run: the build failed)', passed: 0, failed: 1, seconds: 0 });
    }
  } finally {
    await services.stop();
  }

  header('summary');
  for (const t of tiers) {
    say(
      `${t.name.padEnd(34)} ${String(t.passed).padStart(5)} passed ${String(t.failed).padStart(4)} failed ${String(t.seconds).padStart(5)} s`,
    );
  }
  const passed = tiers.reduce((sum, t) => sum + t.passed, 0);
  const failed = tiers.reduce((sum, t) => sum + t.failed, 0);
  say(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`\n✖ ${error?.stack ?? error}\n`);
  say('0 passed, 1 failed');
  process.exit(1);
});
