import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { AppConfig } from '../../config/app-config';

/** What a caller's own `x-request-id` may look like to be logged beside ours. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * The request id: always our own (a new UUID), never the caller's, so that no one can choose
 * the id the audit trail records for what they do. Fastify assigns it once (the API answers it
 * in the `x-request-id` header); the logger reuses it.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  return typeof req.id === 'string' ? req.id : randomUUID();
}

/**
 * The caller's own `x-request-id`, for the request's log line only (to find a client's trace in
 * the logs): kept when it is up to 64 letters, digits and `_ . : -`, else left out.
 */
export function clientRequestIdOf(headers: IncomingMessage['headers'] | undefined): string | undefined {
  const given = headers?.['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : undefined;
}

/** The public health probes, asked every few seconds by monitoring and containers: not logged. */
const PROBES = new Set(['/api/health', '/api/health/live']);

function isProbe(req: IncomingMessage & { originalUrl?: string }): boolean {
  // Fastify's middleware layer may hand the middleware a url without its mount prefix
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return PROBES.has(query < 0 ? url : url.slice(0, query));
}

/** Query parameters that carry credentials (a sign-in's code and state): never written to a log. */
const SECRET_PARAMS = /([?&](?:code|state|session_state|id_token|access_token|logout_token)=)[^&#]*/gi;

/** The path and query of a request with the values of credential parameters replaced. */
export function redactedUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/**
 * What a request's log line says of the request: its id, method and path (credential parameters
 * redacted), and the caller's own request id when it sent a sane one; no other header, no body.
 */
export function requestOfLog(req: {
  id: string;
  method: string;
  url: string;
  headers?: IncomingMessage['headers'];
}) {
  const clientRequestId = clientRequestIdOf(req.headers);
  return {
    id: req.id,
    method: req.method,
    url: redactedUrl(req.url),
    ...(clientRequestId && { clientRequestId }),
  };
}

/**
 * What it says of the response: the status. The headers are the same on every response (the
 * security headers) or must not be logged (cookies), and writing them made each line 1 KB.
 */
export function responseOfLog(res: { statusCode: number | null }) {
  return { statusCode: res.statusCode };
}

/**
 * The options of the request logger (pino-http): one line per request, none for the probes.
 * The serializers keep cookies and authorization headers out of every line.
 */
export function httpLogOptions(level: string) {
  return {
    level,
    genReqId: requestIdOf,
    customAttributeKeys: { reqId: 'reqId' },
    // the lines logged while a request runs carry its id only, not the whole request again
    quietReqLogger: true,
    autoLogging: { ignore: isProbe },
    serializers: { req: requestOfLog, res: responseOfLog },
  };
}

/** Structured JSON logs (pino); every line of a request carries its request id as `reqId`. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: httpLogOptions(config.log.level),
      }),
    }),
  ],
})
export class LoggingModule {}
