// The commit-message rule, as the project's history keeps it: a subject of at most 72
// characters, and the detail in a body after one empty line. Used by the commit-msg hook
// (.githooks/commit-msg) and by `npm test` for every commit since the rule was set.
import { spawnSync } from 'node:child_process';

/** Commits before this one were made before the rule was checked; they are left as they are. */
export const RULE_SINCE = 'e7b1119c09534fd8d4e00de5264c9d8224b63cff';

export const MAX_SUBJECT = 72;

/** What is wrong with a commit message, or an empty list. Lines starting with `#` are comments. */
export function messageProblems(message) {
  const lines = message
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => line.replace(/\s+$/, ''));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const [subject = '', second] = lines;
  const problems = [];
  if (subject.trim() === '') problems.push('the subject is empty');
  if (subject.length > MAX_SUBJECT)
    problems.push(`the subject has ${subject.length} characters (at most ${MAX_SUBJECT})`);
  if (second !== undefined && second !== '')
    problems.push('the second line is not empty (the body follows one empty line)');
  return problems;
}

function git(args) {
  const result = spawnSync('git', args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}

/**
 * Checks every commit after RULE_SINCE up to HEAD; in a shallow clone without it, the commits
 * the clone has. Returns { checked, failures: [{ commit, subject, problems }] }, or null outside
 * a git checkout.
 */
export function checkHistory() {
  if (git(['rev-parse', '--git-dir']) === null) return null;
  const since = git(['cat-file', '-e', `${RULE_SINCE}^{commit}`]) !== null;
  const ids = (git(['rev-list', '--no-merges', since ? `${RULE_SINCE}..HEAD` : 'HEAD']) ?? '')
    .split('\n')
    .filter(Boolean);
  const failures = [];
  for (const commit of ids) {
    const message = git(['log', '-1', '--format=%B', commit]) ?? '';
    const problems = messageProblems(message);
    if (problems.length > 0)
      failures.push({ commit: commit.slice(0, 7), subject: message.split('\n')[0], problems });
  }
  return { checked: ids.length, failures };
}

// As the commit-msg hook: `node .ci/lib/commit-messages.mjs <message file>`.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href && process.argv[2]) {
  const { readFileSync } = await import('node:fs');
  const problems = messageProblems(readFileSync(process.argv[2], 'utf8'));
  if (problems.length > 0) {
    process.stderr.write(
      `commit message refused: ${problems.join('; ')}.\n` +
        `Write a subject of at most ${MAX_SUBJECT} characters, an empty line, then the detail.\n`,
    );
    process.exit(1);
  }
}
