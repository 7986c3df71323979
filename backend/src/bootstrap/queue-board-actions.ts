/** What a change sent to the queue board asks for, as the operators' record keeps it. */
export interface BoardAction {
  action: string;
  queue: string | null;
  jobId: string | null;
  detail: Record<string, unknown>;
}

/** Changes of a whole queue (`/api/queues/:queue/<action>[/<state>]`). */
const QUEUE_ACTIONS = new Set([
  'add',
  'retry',
  'promote',
  'clean',
  'pause',
  'resume',
  'concurrency',
  'rate-limit',
  'empty',
  'obliterate',
  'job-schedulers',
]);

/** What the record keeps of a request body (a job's data when one is added or edited). */
const BODY_LIMIT = 2000;

function bodyDetail(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  const text = JSON.stringify(body);
  return { body: text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}…` : text };
}

/**
 * Reads a board API path (after the board's base path, e.g. `/api/queues/rollups/rollup-x/retry`)
 * into the action, the queue and the job: the operators' record says who did what to which job.
 */
export function boardAction(method: string, path: string, body: unknown): BoardAction {
  const [pathname = ''] = path.split('?');
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const detail = { method, ...bodyDetail(body) };
  if (parts[0] !== 'api' || parts[1] !== 'queues' || parts.length < 3) {
    return { action: `board:${parts.slice(1).join('/') || 'unknown'}`, queue: null, jobId: null, detail };
  }
  if (parts.length === 3) {
    // /api/queues/pause, /api/queues/resume: every queue
    return { action: `board:${parts[2]}-all`, queue: null, jobId: null, detail };
  }
  const queue = parts[2] ?? null;
  const rest = parts.slice(3);
  if (QUEUE_ACTIONS.has(rest[0] ?? '')) {
    if (rest[0] === 'job-schedulers') {
      return {
        action: `board:job-scheduler-${rest[2] ?? 'update'}`,
        queue,
        jobId: rest[1] ?? null,
        detail,
      };
    }
    return { action: `board:${rest.join('/')}`, queue, jobId: null, detail };
  }
  return {
    action: `board:job-${rest.slice(1).join('/') || 'change'}`,
    queue,
    jobId: rest[0] ?? null,
    detail,
  };
}
