import { CSRF_HEADER, ErrorCode, SESSION_COOKIE } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';

import { DomainError } from '../errors/domain-error';
import { operatorSessionOfToken } from './operator-sessions.queries';
import { sameToken, SessionResolver, tokenHash } from './sessions';
import { touchSession } from './sessions.queries';

/** The operator's session cookie: a name of its own, so that it is never a user's session. */
export const OPERATOR_COOKIE = 'hyrkoll_operator';

/** An operator's session lives at most this long, and this long unused (decision 021). */
export const OPERATOR_SESSION_HOURS = 8;
export const OPERATOR_IDLE_MINUTES = 30;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_AFTER_MS = 60_000;

/** The deployment's operator of a request: no region, no grants, only the queue board. */
export interface AuthOperator {
  id: string;
  name: string;
  email: string;
  sessionId: string;
  csrfToken: string;
  /** Until when the queue board takes changes in this session; null while it is read-only. */
  writesUntil: Date | null;
}

/**
 * Resolves the operator's cookie into the operator of a request, for the guard's operator
 * routes and for the queue board. Operators and users live in separate tables with separate
 * sessions: a user's session never resolves here, an operator's never in `SessionResolver`.
 */
@Injectable()
export class OperatorSessionResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: SessionResolver,
  ) {}

  async resolve(token: string): Promise<AuthOperator | null> {
    const row = await operatorSessionOfToken(this.dataSource.manager, tokenHash(token));
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      await touchSession(
        this.dataSource.manager,
        row.session_id,
        { maxHours: OPERATOR_SESSION_HOURS, idleMinutes: OPERATOR_IDLE_MINUTES },
        'operator_sessions',
      );
    }
    return {
      id: row.operator_id,
      name: row.name,
      email: row.email,
      sessionId: row.session_id,
      csrfToken: row.csrf_token,
      writesUntil: row.writes_until,
    };
  }

  /**
   * The operator of a request, or the refusal: 401 without an operator's session, 403
   * `OPERATOR_ONLY` when the caller is a logged-in user (a region's administrator included),
   * 403 `CSRF_TOKEN_INVALID` on a change without the operator's CSRF token.
   */
  async authenticate(request: FastifyRequest): Promise<AuthOperator> {
    const token = request.cookies?.[OPERATOR_COOKIE];
    const operator = token ? await this.resolve(token) : null;
    if (!operator) {
      const userToken = request.cookies?.[SESSION_COOKIE];
      if (userToken && (await this.users.resolve(userToken))) {
        throw new DomainError(
          ErrorCode.OPERATOR_ONLY,
          "This is for the deployment's operator, not for a region's users",
        );
      }
      throw new DomainError(ErrorCode.SESSION_MISSING, "Log in first: no valid operator's session");
    }
    if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers[CSRF_HEADER], operator.csrfToken)) {
      throw new DomainError(
        ErrorCode.CSRF_TOKEN_INVALID,
        `Missing or wrong CSRF token: send the ${CSRF_HEADER} header from /api/operator/me`,
      );
    }
    return operator;
  }
}
