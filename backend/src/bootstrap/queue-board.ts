import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { ApiPath, apiUrl, CSRF_HEADER, ErrorBody, ErrorCode, STATUS_OF_CODE } from '@hyrkoll/contracts';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { AuthOperator, OperatorSessionResolver } from '../common/auth/operator-sessions';
import { DomainError } from '../common/errors/domain-error';
import { OperatorService } from '../modules/operator/operator.service';
import { SCHEDULED_QUEUE } from '../modules/scheduler/scheduler.queue';
import { QUEUES } from '../queues';
import { boardAction } from './queue-board-actions';

export const QUEUE_BOARD_PATH = apiUrl(ApiPath.adminQueues);

/** The header the board's own page (axios) sends the `XSRF-TOKEN` cookie back in. */
const BOARD_XSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The queues the API does not produce to itself, registered so that the board can show them. */
@Module({ imports: [BullModule.registerQueue({ name: SCHEDULED_QUEUE })] })
export class QueueBoardQueuesModule {}

function refuse(reply: FastifyReply, error: DomainError): FastifyReply {
  const body: ErrorBody = {
    statusCode: STATUS_OF_CODE[error.code],
    code: error.code,
    message: error.message,
    ...(error.params && { params: error.params }),
  };
  return reply.code(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
}

type BoardRequest = FastifyRequest & { operator?: AuthOperator };

/**
 * Bull Board at /api/admin/queues, the deployment operator's (decision 021). It lives outside
 * Nest's router, so it checks the session itself: the operator's session only (a region's users,
 * administrators included, get 403), read-only unless the operator switched writing on for the
 * session, the CSRF token on every change, and every change recorded in `operator_events`
 * before the board acts on it.
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
  const sessions = app.get(OperatorSessionResolver);
  const operators = app.get(OperatorService);
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request: BoardRequest, reply: FastifyReply) => {
      try {
        // the board's page sends the token as X-XSRF-TOKEN; API clients send x-csrf-token
        const xsrf = request.headers[BOARD_XSRF_HEADER];
        if (request.headers[CSRF_HEADER] === undefined && typeof xsrf === 'string') {
          request.headers[CSRF_HEADER] = xsrf;
        }
        request.operator = await sessions.authenticate(request);
      } catch (error) {
        if (error instanceof DomainError) return refuse(reply, error);
        throw error;
      }
      // The board's own page needs inline scripts and styles; nothing else gets them.
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https:; img-src 'self' data:; font-src 'self' data: https:; frame-ancestors 'none'",
      );
      return undefined;
    });
    // After the body is read: a change is recorded with what it asked for, then let through or refused.
    scope.addHook('preHandler', async (request: BoardRequest, reply: FastifyReply) => {
      const operator = request.operator;
      // the CSRF token of a change was checked on the request (authenticate)
      if (SAFE_METHODS.has(request.method) || !operator) return undefined;
      const writable = operator.writesUntil !== null && operator.writesUntil > new Date();
      const action = boardAction(request.method, request.url.slice(QUEUE_BOARD_PATH.length), request.body);
      await operators.record({
        operatorId: operator.id,
        actorName: operator.name,
        requestId: String(request.id),
        ...action,
        outcome: writable ? 'allowed' : 'refused',
      });
      if (writable) return undefined;
      return refuse(
        reply,
        new DomainError(
          ErrorCode.QUEUE_BOARD_READ_ONLY,
          'The queue board is read-only: switch writing on first (POST /api/operator/writes)',
        ),
      );
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
