import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { metricsVersion } from './metrics.queries';

/** Answers kept per API process; the least recently used go first. */
const MAX_ENTRIES = 500;

/**
 * Computed metrics answers, kept until the region's metrics version moves. The version is
 * raised in the transaction of every change a metric can show (each rollup recompute, and a
 * renamed area, unit or supplier), so an answer found under the current version is the
 * answer a fresh computation would give. The version is read before the computation: data
 * read afterwards is at least as new as the version it is filed under. Concurrent requests
 * for the same answer share one computation.
 */
@Injectable()
export class MetricsCache {
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get<T>(regionId: string, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await metricsVersion(this.dataSource.manager, regionId);
    const versioned = `${regionId}:${version ?? 0}:${key}`;
    const found = this.answers.get(versioned) as Promise<T> | undefined;
    if (found) {
      this.answers.delete(versioned);
      this.answers.set(versioned, found);
      return found;
    }
    const answer = compute();
    this.answers.set(versioned, answer);
    answer.catch(() => {
      if (this.answers.get(versioned) === answer) this.answers.delete(versioned);
    });
    if (this.answers.size > MAX_ENTRIES) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
    return answer;
  }
}
