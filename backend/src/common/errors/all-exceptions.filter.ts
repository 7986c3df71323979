import { ErrorBody, ErrorCode } from '@hyrkoll/contracts';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { isTransientConflict } from '../../database/pg-errors';
import { codeForStatus, DomainError, STATUS_OF_CODE } from './domain-error';
import { unavailableMessage } from './unavailable';

/** Seconds a client is asked to wait before retrying while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.JSON_REQUIRED,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MALFORMED_JSON,
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MALFORMED_JSON,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.MALFORMED_REQUEST,
};

function isFastifyClientError(error: unknown): error is FastifyLikeError {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as FastifyLikeError).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Turns anything thrown into the one error shape: `{ statusCode, code, message, params?, details? }`,
 * with the most specific code of the catalogue that is known.
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    const body: ErrorBody = {
      statusCode: STATUS_OF_CODE[error.code],
      code: error.code,
      message: error.message,
    };
    if (error.params) body.params = error.params;
    if (error.fields) body.details = error.fields;
    return body;
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : error.message;
    // Nest answers a path no route has with a NotFoundException ("Cannot GET /the/path"): the
    // answer does not repeat the path
    if (statusCode === 404 && /^Cannot [A-Z]+ /.test(message)) {
      return { statusCode, code: ErrorCode.ROUTE_NOT_FOUND, message: 'No route has this method and path' };
    }
    const code = statusCode === 404 ? ErrorCode.ROUTE_NOT_FOUND : codeForStatus(statusCode);
    return { statusCode, code, message };
  }
  if (error instanceof SyntaxError && (error as FastifyLikeError).statusCode === 400) {
    return {
      statusCode: 400,
      code: ErrorCode.MALFORMED_JSON,
      message: `Malformed JSON body: ${error.message}`,
    };
  }
  if (isFastifyClientError(error)) {
    const statusCode = error.statusCode as number;
    const code = (error.code && FASTIFY_CODES[error.code]) || codeForStatus(statusCode);
    return { statusCode, code, message: error.message };
  }
  if (isTransientConflict(error)) {
    return {
      statusCode: 409,
      code: ErrorCode.TRANSIENT_CONFLICT,
      message:
        'Someone else changed the same thing at the same moment and nothing was saved: reload and try again',
    };
  }
  const unavailable = unavailableMessage(error);
  if (unavailable) {
    return { statusCode: 503, code: ErrorCode.SERVICE_UNAVAILABLE, message: unavailable };
  }
  return { statusCode: 500, code: ErrorCode.INTERNAL, message: 'An unexpected error occurred' };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = toErrorBody(exception);
    if (body.code === ErrorCode.SERVICE_UNAVAILABLE && !(exception instanceof HttpException)) {
      // an outage: one short line per request, not a stack trace each
      const { code, message } = exception as { code?: unknown; message?: unknown };
      this.logger.warn({ url: request.url, cause: { code, message } }, 'request failed: service unavailable');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, url: request.url }, 'request failed');
    } else if (body.statusCode === 429 && typeof body.params?.['retryAfterSeconds'] === 'number') {
      // a rate limit names when the next try is counted again
      void reply.header('retry-after', String(body.params['retryAfterSeconds']));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
