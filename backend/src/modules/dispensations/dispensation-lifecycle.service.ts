import { AuditEntity } from '@hyrkoll/contracts';
import { DISPENSATION_TRANSITIONS, swedishDate, workingDaysBetween } from '@hyrkoll/domain';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { systemActor } from '../../common/auth/auth-user';
import { transition } from '../../common/state/transition';
import { AuditService } from '../audit/audit.service';
import { NotificationsProducer } from '../notifications/notifications.producer';
import { NotificationJob } from '../notifications/notifications.queue';
import { PolicyService } from '../policy/policy.service';
import {
  dispensationSnapshot,
  dueToExpire,
  lockDispensation,
  markReminded,
  notReminded,
} from './dispensations.queries';

/** Time-driven dispensation changes: expiry by date or used-up caps, and reminders to deciders. */
@Injectable()
export class DispensationLifecycleService {
  private readonly logger = new Logger(DispensationLifecycleService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly policies: PolicyService,
    private readonly notifications: NotificationsProducer,
  ) {}

  /** APPROVED → EXPIRED after the validity, or when the booked hours or cost reach a cap. */
  async expire(today: string): Promise<number> {
    const due = await dueToExpire(this.dataSource, today);
    let expired = 0;
    for (const { id, region_id: regionId, reason } of due) {
      await this.dataSource.transaction(async (m) => {
        const before = await lockDispensation(m, regionId, id);
        if (!before || before.status !== 'APPROVED') return;
        const t = DISPENSATION_TRANSITIONS.expire;
        await transition(m, {
          table: 'dispensations',
          entity: 'dispensation',
          id,
          regionId,
          action: 'expire',
          from: t.from,
          to: t.to,
          version: before.version,
        });
        await this.audit.record(m, systemActor(regionId, 'dispensation expiry', null), {
          action: 'dispensation.expire',
          entityType: AuditEntity.DISPENSATION,
          entityId: id,
          before: dispensationSnapshot(before),
          after: { ...dispensationSnapshot(before), status: 'EXPIRED', reason },
        });
        expired++;
      });
    }
    if (expired > 0) this.logger.log(`${expired} dispensations expired`);
    return expired;
  }

  /** Reminds the deciders once when a dispensation has waited the policy's number of working days. */
  async remind(now: Date): Promise<number> {
    const waiting = await notReminded(this.dataSource);
    const today = swedishDate(now);
    let reminded = 0;
    for (const d of waiting) {
      const { reminderAfterWorkingDays } = await this.policies.get(d.region_id);
      if (workingDaysBetween(swedishDate(d.waiting_since), today) < reminderAfterWorkingDays) continue;
      const sent = await this.dataSource.transaction(async (m) => {
        if (!(await markReminded(m, d.id, now, d.version))) return false;
        await this.notifications.enqueue(m, NotificationJob.DISPENSATION_REMINDER, {
          regionId: d.region_id,
          dispensationId: d.id,
          version: d.version,
        });
        return true;
      });
      if (sent) reminded++;
    }
    return reminded;
  }
}
