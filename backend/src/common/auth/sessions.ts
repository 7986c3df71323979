import { createHash, timingSafeEqual } from 'node:crypto';

import { Grant, permissionsOf } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import type { AuthUser } from './auth-user';
import { sessionOfToken, touchSession } from './sessions.queries';

/** A session's last-seen time is written at most this often (not on every request). */
const TOUCH_AFTER_MS = 60_000;

/** What the sessions table keeps of a token: its SHA-256, never the token. */
export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Whether a CSRF token sent along is the session's, compared in constant time. */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

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
    const row = await sessionOfToken(this.dataSource.manager, tokenHash(token));
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      await touchSession(this.dataSource.manager, row.session_id, {
        maxHours: this.config.session.maxHours,
        idleMinutes: this.idleMinutes(),
      });
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
