import { createHash } from 'node:crypto';

import { ErrorCode, FieldErrorCode } from '@hyrkoll/contracts';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';

import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../errors/domain-error';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** Visible ASCII, as the IETF draft and the major APIs accept (UUIDs, ULIDs, random tokens). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST routes: the first request with a key runs and its result is kept for a
 * day; a retry with the same key and the same request gets that result again (with the header
 * `Idempotent-Replayed: true`) and writes nothing. The same key for a different request is a 409,
 * and so is a retry while the first is still running. A request that fails keeps no result, since
 * it wrote nothing, so its retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || header === undefined || !request.user) return next.handle();
    if (typeof header !== 'string' || !VALID_KEY.test(header)) {
      throw DomainError.validation([
        {
          field: 'Idempotency-Key',
          code: FieldErrorCode.FORMAT,
          message: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
        },
      ]);
    }
    const user = request.user;
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n`)
      .update(
        request.isMultipart()
          ? `multipart ${request.headers['content-length'] ?? ''}`
          : JSON.stringify(request.body ?? null),
      )
      .digest('hex');

    return from(this.store.claim(user.id, header, fingerprint)).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'replay':
            void http.getResponse<FastifyReply>().header(REPLAYED_HEADER, 'true');
            return of(claim.response);
          case 'mismatch':
            throw new DomainError(
              ErrorCode.IDEMPOTENCY_KEY_REUSED,
              'This Idempotency-Key was already used for a different request; use a new key',
            );
          case 'in-progress':
            throw new DomainError(
              ErrorCode.IDEMPOTENCY_IN_PROGRESS,
              'A request with this Idempotency-Key is still being processed; retry in a moment',
            );
          case 'claimed':
            return next.handle().pipe(
              catchError(async (error: unknown) => {
                await this.store.release(user.id, header);
                throw error;
              }),
              mergeMap(async (response) => {
                await this.store.complete(user.id, header, statusCode, response);
                return response;
              }),
            );
        }
      }),
    );
  }
}
