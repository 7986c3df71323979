import { AuditEntity, ErrorCode, PASSWORD_SETUP_HOURS, PasswordSetupInfoDto } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { newOneTimeToken } from '../../common/auth/one-time-tokens';
import { hashPassword } from '../../common/auth/passwords';
import { tokenHash } from '../../common/auth/sessions';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { NotificationsProducer } from '../notifications/notifications.producer';
import {
  closeOpenSetups,
  insertSetup,
  lockOpenSetup,
  openSetup,
  setPassword,
} from './password-setup.queries';
import { deleteSessionsOf } from './users.queries';

/**
 * One-time password-setup links (decision 020). Nobody sets another person's password: an
 * administrator (or the operator's CLI, for a region's first administrator) opens a link, the
 * worker mails it to the user, and the user chooses their own password through it. A link works
 * once, for `PASSWORD_SETUP_HOURS`; a newer one closes the older ones; only token hashes are stored.
 */
@Injectable()
export class PasswordSetupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsProducer,
  ) {}

  /**
   * Opens a link for a user of the actor's region in the caller's transaction and mails it after
   * the commit. With `print`, a second link is opened whose token is returned, for the operator
   * to hand over when the mail does not arrive (the CLI prints it); the user uses either.
   */
  async issue(
    manager: EntityManager,
    actor: Actor,
    user: { id: string; email: string },
    options: { print?: boolean } = {},
  ): Promise<{ expiresAt: Date; token?: string }> {
    await closeOpenSetups(manager, user.id);
    const key = { regionId: actor.regionId, userId: user.id, hours: PASSWORD_SETUP_HOURS };
    const mailed = await insertSetup(manager, { ...key, tokenHash: null });
    await this.notifications.enqueuePasswordSetup(manager, { regionId: actor.regionId, setupId: mailed.id });
    const token = options.print ? newOneTimeToken() : undefined;
    if (token) await insertSetup(manager, { ...key, tokenHash: tokenHash(token) });
    await this.audit.record(manager, actor, {
      action: 'user.password-link',
      entityType: AuditEntity.USER,
      entityId: user.id,
      after: { sentTo: user.email, expiresAt: mailed.expiresAt.toISOString(), printed: Boolean(token) },
    });
    return { expiresAt: mailed.expiresAt, ...(token && { token }) };
  }

  /** Whose the link is, while it is open. */
  async check(token: string): Promise<PasswordSetupInfoDto> {
    const setup = await openSetup(this.dataSource.manager, tokenHash(token));
    if (!setup) throw invalidLink();
    return { name: setup.name, email: setup.email, expiresAt: setup.expiresAt.toISOString() };
  }

  /**
   * The user's own password, through an open link: the link and the user's other links close,
   * every session of the user ends, and the trail names the user as the one who chose it.
   */
  async complete(token: string, password: string, requestId: string | null): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const setup = await lockOpenSetup(manager, tokenHash(token));
      if (!setup) throw invalidLink();
      await setPassword(manager, setup.userId, passwordHash);
      await closeOpenSetups(manager, setup.userId);
      await deleteSessionsOf(manager, setup.userId);
      const actor: Actor = { regionId: setup.regionId, userId: setup.userId, name: setup.name, requestId };
      await this.audit.record(manager, actor, {
        action: 'user.password-set',
        entityType: AuditEntity.USER,
        entityId: setup.userId,
        after: { passwordChanged: true, through: 'one-time link' },
      });
    });
  }
}

function invalidLink(): DomainError {
  return new DomainError(
    ErrorCode.PASSWORD_SETUP_LINK_INVALID,
    'The password-setup link is unknown, used or expired: ask an administrator for a new one',
  );
}
