import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { deleteRelayed, lockWaiting, markFailed, markRelayed, OutboxRow } from './outbox.queries';

/** How often an idle relay looks for new rows. */
export const OUTBOX_POLL_MS = 200;
const BATCH = 200;
/** A Redis that does not answer within this counts as away; the rows stay for the next round. */
const ADD_TIMEOUT_MS = 3_000;
const MAX_BACKOFF_MS = 5_000;
/** Relayed rows are kept this long, for inspection, then deleted. */
export const OUTBOX_RETENTION_DAYS = 7;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The rows cut where the queue changes: each run is one queue's consecutive rows, in order. */
function runsByQueue(rows: OutboxRow[]): [OutboxRow, ...OutboxRow[]][] {
  const runs: [OutboxRow, ...OutboxRow[]][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0].queue === row.queue) last.push(row);
    else runs.push([row]);
  }
  return runs;
}

/**
 * Moves jobs from the `outbox` table to their BullMQ queues. It runs in every API and worker
 * process; `FOR UPDATE SKIP LOCKED` shares the rows out, and the deterministic job ids make a row
 * relayed twice (a crash between the add and the update) one job. While Redis is away the rows
 * wait and the relay backs off; when it returns, they go out in order.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<string, Queue | null>();
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> = Promise.resolve();
  private stopped = false;
  private failures = 0;
  private lastError = '';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  /** Relays what is waiting now, until nothing is left or Redis fails; returns the rows relayed. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.relayBatch();
      total += relayed;
      if (relayed < BATCH) return total;
    }
  }

  /** Deletes relayed rows past their retention; run by the scheduled jobs. */
  async purgeRelayed(now: Date): Promise<number> {
    return deleteRelayed(this.dataSource.manager, now, OUTBOX_RETENTION_DAYS);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick();
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let relayed = 0;
    try {
      relayed = await this.relayBatch();
      if (this.failures > 0) this.logger.log('queues reachable again; relaying the outbox');
      this.failures = 0;
      this.lastError = '';
    } catch (error) {
      this.failures++;
      const message = (error as Error).message;
      if (message !== this.lastError) this.logger.warn(`outbox not relayed, will retry: ${message}`);
      this.lastError = message;
    }
    const delay =
      this.failures > 0
        ? Math.min(MAX_BACKOFF_MS, OUTBOX_POLL_MS * 2 ** this.failures)
        : relayed === BATCH
          ? 0
          : OUTBOX_POLL_MS;
    this.schedule(delay);
  }

  /** The process's queue of that name, or null when this process does not have it. */
  private queue(name: string): Queue | null {
    if (!this.queues.has(name)) {
      let queue: Queue | null = null;
      try {
        queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      } catch {
        queue = null;
      }
      this.queues.set(name, queue);
    }
    return this.queues.get(name) ?? null;
  }

  private async relayBatch(): Promise<number> {
    const elsewhere = [...this.queues].filter(([, q]) => q === null).map(([name]) => name);
    const outcome: { failure: Error | null } = { failure: null };
    const relayed = await this.dataSource.transaction(async (m) => {
      const rows = await lockWaiting(m, this.config.redis.queuePrefix, elsewhere, BATCH);
      const done: string[] = [];
      // Consecutive rows of the same queue go in one call, one round trip to Redis, in their order.
      for (const run of runsByQueue(rows)) {
        const queue = this.queue(run[0].queue);
        if (!queue) continue; // another process relays this queue
        try {
          await withTimeout(
            queue.addBulk(
              run.map((row) => ({
                name: row.job_name,
                data: row.data,
                opts: { ...row.options, jobId: row.job_id },
              })),
            ),
            ADD_TIMEOUT_MS,
          );
          done.push(...run.map((row) => row.id));
        } catch (error) {
          outcome.failure = error as Error;
          await markFailed(
            m,
            run.map((row) => row.id),
            outcome.failure.message.slice(0, 500),
          );
          break;
        }
      }
      if (done.length > 0) {
        await markRelayed(m, done);
      }
      return rows.length === BATCH && !outcome.failure ? BATCH : done.length;
    });
    if (outcome.failure) throw outcome.failure;
    return relayed;
  }
}
