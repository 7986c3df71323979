import {
  FailedJobDto,
  OperationsStatusDto,
  QueueCountsDto,
  REGION_QUEUES,
  RegionQueue,
} from '@hyrkoll/contracts';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, JobType, Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { recentImports, rolledUpMonths } from './operations.queries';

/** Jobs read per queue and state; a region's counts stop there (`countsCapped`). */
export const JOBS_READ_PER_STATE = 1000;
/** Failed jobs listed on the page. */
export const FAILED_JOBS_SHOWN = 10;

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const satisfies readonly JobType[];

interface RegionJobData {
  regionId?: string;
  month?: string;
  importId?: string;
  dispensationId?: string;
}

/** What a job was about, in a few characters: a rollup's month, else the record it names. */
function subjectOf(data: RegionJobData): string {
  return data.month?.slice(0, 7) ?? data.importId ?? data.dispensationId ?? '';
}

/**
 * A region's administrator's view of its own imports and rollups (decision 021): the region's
 * recent imports and rolled-up months from the database, and its jobs in the queues, counted by
 * reading each queue's jobs and keeping those whose data names the region. Nothing of another
 * region leaves this service; the deployment's queue board is the operator's.
 */
@Injectable()
export class OperationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly modules: ModuleRef,
  ) {}

  async status(user: AuthUser): Promise<OperationsStatusDto> {
    const [imports, rollupMonths, jobs] = await Promise.all([
      recentImports(this.dataSource, user.regionId),
      rolledUpMonths(this.dataSource, user.regionId),
      Promise.all(REGION_QUEUES.map((name) => this.regionJobs(name, user.regionId))),
    ]);
    const failedJobs = jobs
      .flatMap((j) => j.failed)
      .sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''))
      .slice(0, FAILED_JOBS_SHOWN);
    return {
      imports,
      rollupMonths,
      queues: jobs.map((j) => j.counts),
      failedJobs,
      countsCapped: jobs.some((j) => j.capped),
    };
  }

  private async regionJobs(
    name: RegionQueue,
    regionId: string,
  ): Promise<{ counts: QueueCountsDto; failed: FailedJobDto[]; capped: boolean }> {
    const queue = this.modules.get<Queue>(getQueueToken(name), { strict: false });
    const counts: QueueCountsDto = { queue: name, waiting: 0, active: 0, delayed: 0, failed: 0 };
    const failed: FailedJobDto[] = [];
    let capped = false;
    for (const state of STATES) {
      const read = (await queue.getJobs([state], 0, JOBS_READ_PER_STATE - 1)).filter(
        (job): job is Job<RegionJobData> => Boolean(job),
      );
      if (read.length >= JOBS_READ_PER_STATE) capped = true;
      const own = read.filter((job) => job.data?.regionId === regionId);
      counts[state] = own.length;
      if (state !== 'failed') continue;
      for (const job of own) {
        failed.push({
          queue: name,
          name: job.name,
          subject: subjectOf(job.data),
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          attempts: job.attemptsMade,
          reason: (job.failedReason ?? '').slice(0, 500),
        });
      }
    }
    return { counts, failed, capped };
  }
}
