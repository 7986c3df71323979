import { createHash } from 'node:crypto';

import type { Role } from '@hyrkoll/contracts';
import { Grant, permissionsOf } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { prepared, select } from '../../database/sql';
import type { AuthUser } from './auth-user';

/** A session's last-seen time is written at most this often (not on every request). */
const TOUCH_AFTER_MS = 60_000;

/** What the sessions table keeps of a token: its SHA-256, never the token. */
export function tokenHash(token: string): Buffer {
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

/**
 * Resolves a session cookie into the user of a request: for the global guard, the queue board
 * and the login that has just opened the session. Opening and ending sessions is the auth
 * feature's (modules/auth).
 */
@Injectable()
export class SessionResolver {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

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

  /** How long an unused session lives, never past its maximum age. */
  idleMinutes(): number {
    return Math.min(this.config.session.idleMinutes, this.config.session.maxHours * 60);
  }
}
