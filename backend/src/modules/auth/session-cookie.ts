import { SESSION_COOKIE } from '@hyrkoll/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { AppConfig } from '../../config/app-config';

/** Hands the browser a new session's token: for the whole site, never to scripts, at most the maximum age. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  config: AppConfig,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: config.session.maxHours * 3600,
  });
}
