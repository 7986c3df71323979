import { Agent, request } from 'node:http';

/** One request's outcome as the load clients see it. */
export interface Sample {
  action: string;
  status: number;
  ms: number;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export interface ActionFigures {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
}

/** The q-quantile (0–1) of sorted numbers, nearest rank. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Requests, rate, latency percentiles and status counts of a set of samples. */
export function figuresOf(samples: Sample[], seconds: number): ActionFigures {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: samples.length,
    perSecond: round(samples.length / seconds),
    p50Ms: round(quantile(ms, 0.5)),
    p90Ms: round(quantile(ms, 0.9)),
    p99Ms: round(quantile(ms, 0.99)),
    maxMs: round(ms[ms.length - 1] ?? 0),
    statuses,
  };
}

/**
 * One client of the load test: its own keep-alive connection, a logged-in session, and every
 * request timed into `samples`. A request that fails on the network (no answer at all) is sent
 * again with the same Idempotency-Key, so that it is written at most once.
 */
export class LoadClient {
  /** One keep-alive connection of its own, as a browser tab would use. */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly origin: URL,
    private readonly session: { cookie: string; csrf: string },
    private readonly samples: Sample[],
    private readonly onNetworkError: (error: Error) => void,
  ) {}

  get<T>(action: string, path: string): Promise<Answer<T>> {
    return this.send<T>(action, 'GET', path);
  }

  post<T>(action: string, path: string, body: object, idempotencyKey: string): Promise<Answer<T>> {
    return this.send<T>(action, 'POST', path, body, idempotencyKey);
  }

  close(): void {
    this.agent.destroy();
  }

  private exchange(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.origin.hostname,
          port: this.origin.port,
          method,
          path,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private async send<T>(
    action: string,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
    idempotencyKey?: string,
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { cookie: this.session.cookie };
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      headers['x-csrf-token'] = this.session.csrf;
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    }
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const res = await this.exchange(
          method,
          path,
          headers,
          body === undefined ? undefined : JSON.stringify(body),
        );
        this.samples.push({ action, status: res.status, ms: performance.now() - started });
        return { status: res.status, body: (res.text ? JSON.parse(res.text) : null) as T };
      } catch (error) {
        this.onNetworkError(error as Error);
        // a write without a key is never sent twice: it might have been written
        if (attempt >= 3 || (method === 'POST' && !idempotencyKey)) throw error;
      }
    }
  }
}
