import { randomBytes } from 'node:crypto';

import { AuditEntity, ErrorCode, LogoutDto, MeDto, Permission } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { verifyPassword } from '../../common/auth/passwords';
import { SessionResolver } from '../../common/auth/sessions';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/entities/user.entity';
import {
  clearFailedLogins,
  countFailedLogin,
  deleteSession,
  insertSession,
  regionOf,
  rolesOf,
  setLocale,
} from './auth.queries';
import { sessionMethod } from './sso/sso.queries';
import { SsoService } from './sso/sso.service';

/** Consecutive failed logins after which an account is locked for a while. */
export const MAX_FAILED_LOGINS = 10;
export const LOCK_MINUTES = 15;
/** Login and logout; the session cookie of a request is resolved by `SessionResolver` (common/auth). */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionResolver,
    private readonly sso: SsoService,
    private readonly audit: AuditService,
  ) {}

  /** Checks the password and opens a new session (a session cookie sent along is ended). */
  async login(
    email: string,
    password: string,
    meta: { userAgent: string | null; previousToken?: string; requestId: string },
  ): Promise<{ token: string; user: AuthUser }> {
    const passwordsOff = () =>
      new DomainError(
        ErrorCode.PASSWORD_LOGIN_OFF,
        "Passwords are switched off here: sign in through your region's identity provider",
      );
    if (!(await this.sso.passwordAllowed())) throw passwordsOff();
    const users = this.dataSource.getRepository(User);
    const user = await users.findOne({ where: { email: email.trim().toLowerCase() } });
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
    const wrong = new DomainError(ErrorCode.LOGIN_FAILED, 'Wrong e-mail address or password');
    if (!user || !user.active) throw wrong;
    // A locked account answers as an unknown one (no one learns that the address has an account),
    // and any try while locked, the right password included, is one more failure: guessing
    // through a lock learns nothing (docs/reliability.md, "Small holes closed").
    const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
    if (locked || !passwordOk) {
      await countFailedLogin(this.dataSource, user.id, MAX_FAILED_LOGINS, LOCK_MINUTES);
      throw wrong;
    }
    // said only to whoever knows the password: a region that signs in through its provider
    if (!(await this.sso.passwordAllowed(user.regionId))) throw passwordsOff();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await clearFailedLogins(manager, user.id);
      if (meta.previousToken) await deleteSession(manager, meta.previousToken);
      await insertSession(manager, {
        token,
        userId: user.id,
        csrfToken,
        idleMinutes: this.sessions.idleMinutes(),
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
      });
      await this.audit.record(
        manager,
        { regionId: user.regionId, userId: user.id, name: user.name, requestId: meta.requestId },
        {
          action: 'auth.login',
          entityType: AuditEntity.USER,
          entityId: user.id,
          after: { method: 'password' },
        },
      );
    });
    const resolved = await this.sessions.resolve(token);
    if (!resolved) throw new Error('a session just created could not be read back');
    return { token, user: resolved };
  }

  /**
   * Ends the session (audited with how it was opened). A session opened through the region's
   * provider also gets the provider's end-session address, for the browser to go to next.
   */
  async logout(token: string, requestId: string): Promise<LogoutDto> {
    const session = await sessionMethod(this.dataSource, token);
    const user = await this.sessions.resolve(token);
    await this.dataSource.transaction(async (manager) => {
      await deleteSession(manager, token);
      if (user) {
        await this.audit.record(
          manager,
          { regionId: user.regionId, userId: user.id, name: user.name, requestId },
          {
            action: 'auth.logout',
            entityType: AuditEntity.USER,
            entityId: user.id,
            after: { method: session?.method ?? 'password', by: 'user' },
          },
        );
      }
    });
    const providerLogoutUrl =
      session?.method === 'oidc'
        ? await this.sso.providerLogoutUrl(session.region_id, session.id_token)
        : null;
    return { providerLogoutUrl };
  }

  /**
   * The user's own language, chosen with the interface's language switch. Not audited: it is the
   * user's preference about how texts reach them, it changes no record, right or decision (an
   * administrator's change of a user, language included, is audited by the users module).
   */
  async setLocale(user: AuthUser, locale: 'sv' | 'en'): Promise<void> {
    await setLocale(this.dataSource, user, locale);
  }

  /** What the frontend needs about the logged-in user. */
  async me(user: AuthUser): Promise<MeDto> {
    const region = await regionOf(this.dataSource, user.regionId);
    const roles = await rolesOf(this.dataSource, user.id);
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      locale: user.locale,
      region: { code: region?.code ?? '', name: region?.name ?? '' },
      roles: roles.map((r) => ({
        role: r.role,
        ...(r.unit_id && {
          unit: { id: r.unit_id, name: r.unit_name ?? '', costCentre: r.cost_centre ?? '' },
        }),
        ...(r.area_id && { area: { id: r.area_id, code: r.area_code ?? '', name: r.area_name ?? '' } }),
      })),
      permissions: [...user.permissions].sort() as Permission[],
      csrfToken: user.csrfToken,
    };
  }
}
