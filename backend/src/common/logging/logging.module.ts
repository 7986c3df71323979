import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { AppConfig } from '../../config/app-config';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The request id: the caller's `x-request-id` when it is sane, else a new UUID. Fastify
 * assigns it once (and the API echoes it in a response header); the logger reuses it.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The public health probes, asked every few seconds by monitoring and containers: not logged. */
const PROBES = new Set(['/api/health', '/api/health/live']);

function isProbe(req: IncomingMessage & { originalUrl?: string }): boolean {
  // Fastify's middleware layer may hand the middleware a url without its mount prefix
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return PROBES.has(query < 0 ? url : url.slice(0, query));
}

/** What a request's log line says of the request: its id, method and path, no headers or body. */
export function requestOfLog(req: { id: string; method: string; url: string }) {
  return { id: req.id, method: req.method, url: req.url };
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
