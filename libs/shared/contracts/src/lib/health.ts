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
  /**
   * How e-mail leaves (as configured for this process; the worker is given the same): through
   * SMTP_URL, as files in MAIL_DIR, or `none`: notifications and password-setup links reach nobody.
   * Not a check: it does not make the status degraded.
   */
  mail: 'smtp' | 'folder' | 'none';
}
