import type { Permission } from '@hyrkoll/contracts';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { actorOf, AuthUser, RequestContext } from './auth-user';
import type { AuthOperator } from './operator-sessions';

/** Metadata key holding how a route is protected; every route must declare one. */
export const ACCESS_KEY = 'hyrkoll:access';

export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'logged-in' }
  | { kind: 'permission'; permission: Permission }
  | { kind: 'operator' };

/** Anyone may call this route, without a session. Use sparingly. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies RouteAccess);

/** Any logged-in user may call this route (their own session, their own profile). */
export const LoggedIn = () => SetMetadata(ACCESS_KEY, { kind: 'logged-in' } satisfies RouteAccess);

/**
 * Only the deployment's operator, with an operator's session (decision 021); a region's users,
 * administrators included, get 403.
 */
export const OperatorOnly = () => SetMetadata(ACCESS_KEY, { kind: 'operator' } satisfies RouteAccess);

/**
 * The caller needs this permission in some scope. The service then checks the scope of the
 * record itself (unit, area, region).
 */
export const RequirePermission = (permission: Permission) =>
  SetMetadata(ACCESS_KEY, { kind: 'permission', permission } satisfies RouteAccess);

type AuthedRequest = FastifyRequest & { user?: AuthUser };

/** The logged-in user (routes declared @LoggedIn or @RequirePermission always have one). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without a login');
  return user;
});

/** The request's user and the same user as the actor of an audited change (`RequestContext`). */
export const CurrentRequest = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext => {
    const request = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (!request.user) throw new Error('CurrentRequest used on a route without a login');
    return { user: request.user, actor: actorOf(request.user, String(request.id)) };
  },
);

/** The operator of a route declared @OperatorOnly. */
export const CurrentOperator = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthOperator => {
  const operator = ctx.switchToHttp().getRequest<FastifyRequest & { operator?: AuthOperator }>().operator;
  if (!operator) throw new Error('CurrentOperator used on a route that is not @OperatorOnly');
  return operator;
});
