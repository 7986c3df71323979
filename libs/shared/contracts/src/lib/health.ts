export type CheckStatus = 'up' | 'down';

export interface HealthCheck {
  status: CheckStatus;
  /** Round-trip time of the probe in milliseconds, when it answered. */
  latencyMs?: number;
  error?: string;
}

export interface WorkerHealthCheck extends HealthCheck {
  /** Worker processes whose heartbeat is recent enough. */
  liveWorkers: number;
  /** ISO time of the newest heartbeat, if any worker has ever reported. */
  lastHeartbeatAt: string | null;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  checks: {
    database: HealthCheck;
    redis: HealthCheck;
    worker: WorkerHealthCheck;
  };
}
