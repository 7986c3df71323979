import { CSRF_HEADER, ErrorCode, SESSION_COOKIE } from '@hyrkoll/contracts';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';

import { DomainError } from '../errors/domain-error';
import { ACCESS_KEY, RouteAccess } from './access.decorators';
import type { AuthUser } from './auth-user';
import { AuthOperator, OperatorSessionResolver } from './operator-sessions';
import { sameToken, SessionResolver } from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard: every route needs a login unless it is marked @Public. It resolves the
 * session cookie, checks the CSRF token on every state-changing request, and checks that
 * the user holds the route's permission somewhere. The service checks the record's scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionResolver,
    private readonly operators: OperatorSessionResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) {
      // Start-up refuses undeclared routes (RouteAccessRegistry); this is a second lock.
      throw new DomainError(ErrorCode.ROUTE_WITHOUT_ACCESS_RULE, 'This route declares no access rule');
    }
    if (access.kind === 'public') return true;

    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: AuthUser; operator?: AuthOperator }>();
    if (access.kind === 'operator') {
      request.operator = await this.operators.authenticate(request);
      return true;
    }
    const token = request.cookies?.[SESSION_COOKIE];
    const user = token ? await this.sessions.resolve(token) : null;
    if (!user) {
      throw new DomainError(ErrorCode.SESSION_MISSING, 'Log in first: no valid session');
    }
    request.user = user;

    if (!SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (!sameToken(given, user.csrfToken)) {
        throw new DomainError(
          ErrorCode.CSRF_TOKEN_INVALID,
          `Missing or wrong CSRF token: send the ${CSRF_HEADER} header from /api/auth/me`,
        );
      }
    }
    if (access.kind === 'permission' && !user.permissions.has(access.permission)) {
      throw new DomainError(ErrorCode.PERMISSION_MISSING, `This needs the permission ${access.permission}`, {
        params: { permission: access.permission },
      });
    }
    return true;
  }
}
