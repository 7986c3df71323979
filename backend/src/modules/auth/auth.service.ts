import { createHash, randomBytes } from 'node:crypto';

import { ErrorCode, MeDto, Permission, Role } from '@hyrkoll/contracts';
import { Grant, permissionsOf } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { prepared, select } from '../../database/sql';
import { User } from '../users/entities/user.entity';
import { verifyPassword } from './passwords';

/** Consecutive failed logins after which an account is locked for a while. */
export const MAX_FAILED_LOGINS = 10;
export const LOCK_MINUTES = 15;
/** A session's last-seen time is written at most this often (not on every request). */
const TOUCH_AFTER_MS = 60_000;

function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

interface SessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: string;
  region_id: string;
  name: string;
  email: string;
  locale: 'sv' | 'en';
  grants: { role: Role; unitId: string | null; areaId: string | null }[];
}

/** $1 the token's hash. Run on every request that carries a session. */
const SESSION_LOOKUP = prepared(
  `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, u.id AS user_id, u.region_id, u.name, u.email, u.locale,
          COALESCE((SELECT json_agg(json_build_object('role', a.role, 'unitId', a.unit_id, 'areaId', a.area_id))
                    FROM role_assignments a WHERE a.user_id = u.id), '[]') AS grants
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
);

/** Login, logout and the resolution of a session cookie into the user of a request. */
@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Checks the password and opens a new session (a session cookie sent along is ended). */
  async login(
    email: string,
    password: string,
    meta: { userAgent: string | null; previousToken?: string },
  ): Promise<{ token: string; user: AuthUser }> {
    const users = this.dataSource.getRepository(User);
    const user = await users.findOne({ where: { email: email.trim().toLowerCase() } });
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
    const wrong = new DomainError(ErrorCode.UNAUTHENTICATED, 'Wrong e-mail address or password');
    if (!user || !user.active) throw wrong;
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `The account is locked after ${MAX_FAILED_LOGINS} failed logins; try again after ${user.lockedUntil.toISOString()}`,
      );
    }
    if (!passwordOk) {
      await this.dataSource.query(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) END
         WHERE id = $1`,
        [user.id, MAX_FAILED_LOGINS, LOCK_MINUTES],
      );
      throw wrong;
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
      if (meta.previousToken) {
        await manager.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(meta.previousToken)]);
      }
      await manager.query(
        `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, user_agent)
         VALUES ($1, $2, $3, now() + make_interval(mins => $4), $5)`,
        [tokenHash(token), user.id, csrfToken, this.idleMinutes(), meta.userAgent?.slice(0, 500) ?? null],
      );
    });
    const resolved = await this.resolve(token);
    if (!resolved) throw new Error('a session just created could not be read back');
    return { token, user: resolved };
  }

  async logout(token: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
  }

  /** The user of a session token, or null when the session is unknown, expired or the user inactive. */
  async resolve(token: string): Promise<AuthUser | null> {
    const [row] = await select<SessionRow>(this.dataSource.manager, SESSION_LOOKUP, [tokenHash(token)]);
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      await this.dataSource.query(
        `UPDATE sessions SET last_seen_at = now(),
           expires_at = LEAST(created_at + make_interval(hours => $2), now() + make_interval(mins => $3))
         WHERE id = $1`,
        [row.session_id, this.config.session.maxHours, this.idleMinutes()],
      );
    }
    const grants: Grant[] = row.grants.map((g) => ({
      role: g.role,
      regionId: row.region_id,
      unitId: g.unitId,
      areaId: g.areaId,
    }));
    return {
      id: row.user_id,
      regionId: row.region_id,
      name: row.name,
      email: row.email,
      locale: row.locale,
      sessionId: row.session_id,
      csrfToken: row.csrf_token,
      grants,
      permissions: permissionsOf(grants),
    };
  }

  /** What the frontend needs about the logged-in user. */
  async me(user: AuthUser): Promise<MeDto> {
    const [region] = await this.dataSource.query<{ code: string; name: string }[]>(
      'SELECT code, name FROM regions WHERE id = $1',
      [user.regionId],
    );
    const roles = await this.dataSource.query<
      {
        role: Role;
        unit_id: string | null;
        unit_name: string | null;
        cost_centre: string | null;
        area_id: string | null;
        area_code: string | null;
        area_name: string | null;
      }[]
    >(
      `SELECT a.role, u.id AS unit_id, u.name AS unit_name, u.cost_centre, ar.id AS area_id, ar.code AS area_code, ar.name AS area_name
         FROM role_assignments a
         LEFT JOIN units u ON u.id = a.unit_id
         LEFT JOIN areas ar ON ar.id = a.area_id
        WHERE a.user_id = $1
        ORDER BY a.role, u.name, ar.name`,
      [user.id],
    );
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

  private idleMinutes(): number {
    return Math.min(this.config.session.idleMinutes, this.config.session.maxHours * 60);
  }
}
