import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { API_PREFIX, CSRF_HEADER, ErrorBody, SESSION_COOKIE } from '@hyrkoll/contracts';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { SessionResolver } from '../common/auth/sessions';
import { SCHEDULED_QUEUE } from '../modules/scheduler/scheduler.queue';
import { QUEUES } from '../queues';

export const QUEUE_BOARD_PATH = `/${API_PREFIX}/admin/queues`;

/** The queues the API does not produce to itself, registered so that the board can show them. */
@Module({ imports: [BullModule.registerQueue({ name: SCHEDULED_QUEUE })] })
export class QueueBoardQueuesModule {}

function refuse(reply: FastifyReply, body: ErrorBody): FastifyReply {
  return reply.code(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
}

/**
 * Bull Board at /api/admin/queues: the jobs of every queue, with retry and clean actions.
 * It lives outside Nest's router, so it checks the session itself: administrators only,
 * and the CSRF token on every change.
 */
export async function serveQueueBoard(app: NestFastifyApplication): Promise<void> {
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUES.map(
      ({ name }) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
    ),
    serverAdapter: board,
  });
  const sessions = app.get(SessionResolver);
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies?.[SESSION_COOKIE];
      const user = token ? await sessions.resolve(token) : null;
      if (!user)
        return refuse(reply, {
          statusCode: 401,
          code: 'SESSION_MISSING',
          message: 'Log in first: no valid session',
        });
      if (!user.grants.some((g) => g.role === 'ADMINISTRATOR')) {
        return refuse(reply, {
          statusCode: 403,
          code: 'ADMINISTRATOR_ONLY',
          message: 'The queue board is for administrators',
        });
      }
      if (!['GET', 'HEAD'].includes(request.method) && request.headers[CSRF_HEADER] !== user.csrfToken) {
        return refuse(reply, {
          statusCode: 403,
          code: 'CSRF_TOKEN_INVALID',
          message: `Missing or wrong CSRF token (${CSRF_HEADER})`,
        });
      }
      // The board's own page needs inline scripts and styles; nothing else gets them.
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https:; img-src 'self' data:; font-src 'self' data: https:; frame-ancestors 'none'",
      );
      return undefined;
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
