import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';

import { newOneTimeToken, passwordSetupLink } from '../../common/auth/one-time-tokens';
import { tokenHash } from '../../common/auth/sessions';
import { AppConfig } from '../../config/app-config';
import { Mailer } from './mailer';
import { DispensationNotice, NoticeSource } from './notice-source';
import { activeRecipient, deciderCandidates, mintPasswordSetup, Recipient } from './notifications.queries';
import {
  NotificationData,
  NotificationJob,
  NOTIFICATIONS_QUEUE,
  PASSWORD_SETUP_JOB,
  PasswordSetupData,
} from './notifications.queue';
import { renderMail, renderPasswordSetupMail } from './templates';

/**
 * Sends the notification e-mails: to the deciders of the waiting step, or to the requester; and
 * a user's one-time password-setup link.
 */
@Processor(NOTIFICATIONS_QUEUE, { concurrency: 4 })
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticeSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<NotificationData | PasswordSetupData, void, string>): Promise<void> {
    if (job.name === PASSWORD_SETUP_JOB) return this.passwordSetup(job.data as PasswordSetupData);
    return this.dispensationNotice(job as Job<NotificationData, void, string>);
  }

  /** Mints the link's token as it mails it: the token is stored only as its hash. */
  private async passwordSetup(data: PasswordSetupData): Promise<void> {
    const token = newOneTimeToken();
    const recipient = await mintPasswordSetup(this.dataSource.manager, data.setupId, tokenHash(token));
    if (!recipient) return; // used, expired or its user deactivated meanwhile: nothing to send
    const link = passwordSetupLink(this.config.http.publicUrl, token);
    await this.mailer.send(renderPasswordSetupMail(recipient.locale, recipient, link, recipient.expiresAt));
  }

  private async dispensationNotice(job: Job<NotificationData, void, string>): Promise<void> {
    const notice = await this.notices.dispensation(job.data.regionId, job.data.dispensationId);
    if (!notice) throw new Error(`dispensation ${job.data.dispensationId} not found`);
    const { dispensation } = notice;
    const link = `${this.config.http.publicUrl}/dispensations/${dispensation.id}`;
    switch (job.name as NotificationJob) {
      case NotificationJob.DISPENSATION_WAITING:
      case NotificationJob.DISPENSATION_REMINDER: {
        if (notice.status !== 'UNDER_REVIEW') return; // decided meanwhile: nothing to ask for
        const kind = job.name === NotificationJob.DISPENSATION_REMINDER ? 'reminder' : 'waiting';
        for (const r of await this.decidersOf(notice))
          await this.mailer.send(renderMail(kind, r.locale, dispensation, r, link));
        return;
      }
      case NotificationJob.DISPENSATION_DECIDED: {
        const requester = await activeRecipient(this.dataSource, notice.requestedBy);
        if (requester)
          await this.mailer.send(renderMail('decided', requester.locale, dispensation, requester, link));
        return;
      }
      default:
        throw new Error(`no handler for notification job "${job.name}"`);
    }
  }

  /**
   * Who can decide the current step: for step 1 the area chiefs of the unit's area, or the
   * health-care director when there is none but the requester; for step 2 the director.
   */
  private async decidersOf(d: DispensationNotice): Promise<Recipient[]> {
    const candidates = await deciderCandidates(this.dataSource.manager, d.step, d);
    const chiefs = candidates.filter((c) => c.role === 'AREA_CHIEF');
    const chosen = chiefs.length > 0 ? chiefs : candidates;
    if (chosen.length === 0)
      this.logger.warn(`nobody can decide step ${d.step} of dispensation ${d.dispensation.id}`);
    return [...new Map(chosen.map((c) => [c.id, c])).values()];
  }
}
