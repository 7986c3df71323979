import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { API_PREFIX, ApiPath, CLIENT_ERROR_MAX_BYTES, ErrorCode } from '@hyrkoll/contracts';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { Logger } from 'nestjs-pino';

import { AppModule } from '../app.module';
import { toErrorBody } from '../common/errors/all-exceptions.filter';
import { codeForStatus, DomainError } from '../common/errors/domain-error';
import { createValidationPipe, unsafeInput } from '../common/errors/validation';
import { requestIdOf } from '../common/logging/logging.module';
import { AppConfig } from '../config/app-config';
import { MAX_IMPORT_BYTES } from '../modules/imports/imports.service';
import { resolveFrontendDist, serveFrontend } from './frontend-static';
import { buildOpenApi, serveOpenApi } from './openapi';
import { serveQueueBoard } from './queue-board';

/** A form body (a back-channel logout token) is small. */
const FORM_BODY_LIMIT = 16 * 1024;

/** Largest JSON body accepted; file uploads go through multipart with their own limits. */
const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * How long an idle keep-alive connection stays open between requests: longer than the 60 s idle
 * timeout of common load balancers in front, so that they, not we, close an idle connection.
 */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** Deepest nesting of objects and arrays accepted in a JSON body (the DTOs need a handful). */
const MAX_JSON_DEPTH = 32;

/** Whether JSON text opens more than `max` objects or arrays inside each other (strings skipped). */
export function nestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The security headers: a strict content security policy, and helmet's defaults for the rest. */
const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Angular inserts component styles at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
};

/**
 * The security headers as names and values, read once from helmet: for the answers written
 * before Fastify's hooks run (a path the router refuses, a request the HTTP parser refuses).
 */
export function securityHeaderValues(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet(SECURITY_HEADERS)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

const SECURITY_HEADER_VALUES = securityHeaderValues();
const SECURITY_HEADER_LINES = Object.entries(SECURITY_HEADER_VALUES)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/**
 * The words of a path the router refuses: fixed, so that the answer never repeats the path
 * (Fastify's own message quotes it).
 */
const ROUTER_REFUSALS: Record<number, string> = {
  400: 'The path of the request is not valid (a malformed percent-encoding or character)',
  414: 'A part of the path of the request is longer than allowed',
};

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (headers or URL over
 * 16 kB, a broken request line, a timeout) in the one error shape, with the security headers,
 * then closes the connection.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [statusCode, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request line or headers are larger than 16 kB']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive']
        : [400, 'The request is not valid HTTP'];
  const body = JSON.stringify({ statusCode, code: codeForStatus(statusCode), message });
  if (socket.writable) {
    // no request was made of it, but the answer carries a request id like every other
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nConnection: close\r\n${SECURITY_HEADER_LINES}` +
        `X-Request-Id: ${randomUUID()}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * The parser refuses a `__proto__` key (and `constructor.prototype`) as if the JSON were broken;
 * when the text is valid JSON, say which key was refused instead. The plain parse below only
 * finds the key (it makes `__proto__` an own property) and its result is thrown away.
 */
function forbiddenKeyError(text: string): DomainError | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const problem = unsafeInput(value, '');
  if (!problem) return null;
  const key = problem.field.split('.').pop() ?? problem.field;
  return DomainError.validation([
    { ...problem, message: `the key "${key}" is not allowed in a request body` },
  ]);
}

/**
 * Builds the HTTP API, fully configured but not yet listening: used by main.ts and by the
 * integration tests, so that the tests exercise exactly what production runs.
 */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const { headersMs, idleMs, requestMs } = config.http.timeouts;
  const adapter = new FastifyAdapter({
    // How long a client may take (docs/operations.md, "Timeouts"): the headers within headersMs,
    // the whole request, body included, within requestMs (both answered 408 by answerClientError),
    // and no more than idleMs without a byte either way (the connection is closed). Node checks
    // the first two on an interval, here a quarter of the shorter one.
    http: {
      headersTimeout: headersMs,
      requestTimeout: requestMs,
      connectionsCheckingInterval: Math.min(headersMs, requestMs, 4000) / 4,
    },
    requestTimeout: requestMs,
    connectionTimeout: idleMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.http.trustProxy,
    requestIdHeader: false,
    genReqId: requestIdOf,
    // A path Fastify's router refuses before any handler (a malformed percent-encoding, a
    // parameter over 100 characters) gets the one error shape too, the security headers and the
    // request id (the hooks that set them do not run), in words that do not repeat the path.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const { statusCode, code } = toErrorBody(error);
      const message = ROUTER_REFUSALS[statusCode] ?? STATUS_CODES[statusCode] ?? 'The request was refused';
      void reply
        .code(statusCode)
        .headers(SECURITY_HEADER_VALUES)
        // the onRequest hook that sets it does not run for these either
        .header('x-request-id', request.id)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ statusCode, code, message });
    },
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Fastify's own JSON parser only: Nest would add a form-urlencoded parser, and bodies that
    // are not JSON must get 415 (decision 005).
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Routes that take less than JSON_BODY_LIMIT (413 beyond): the anonymous error report.
  const smallerBodyLimits: Record<string, number> = {
    [`/${API_PREFIX}/${ApiPath.clientErrors}`]: CLIENT_ERROR_MAX_BYTES,
  };
  fastify.addHook('onRoute', (route) => {
    const limit = smallerBodyLimits[route.url];
    if (limit !== undefined) route.bodyLimit = limit;
  });
  // Bodies are JSON (uploads use multipart): anything else is refused with 415.
  fastify.removeContentTypeParser('text/plain');
  // JSON nested deeper than any DTO is refused before it is parsed: walking it (validation,
  // logging, idempotency hashing) would otherwise exhaust the stack.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT },
    (request, body, done) => {
      if (nestingExceeds(body as string, MAX_JSON_DEPTH)) {
        done(
          new DomainError(
            ErrorCode.BODY_TOO_DEEP,
            `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`,
            { params: { max: MAX_JSON_DEPTH } },
          ),
          undefined,
        );
        return;
      }
      // a body that is not JSON at all, or empty, gets its own code (Nest would pass on a bare 400);
      // valid JSON with a forbidden key (__proto__) names the key
      void parseJson(request, body as string, (error: Error | null, value?: unknown) =>
        error
          ? done(
              forbiddenKeyError(body as string) ??
                new DomainError(ErrorCode.MALFORMED_JSON, `Malformed JSON body: ${error.message}`),
              undefined,
            )
          : done(null, value),
      );
    },
  );

  // Form bodies only where a protocol sends them: the provider's back-channel logout (decision 024).
  // Elsewhere they are refused before they are read, as any body that is not JSON is.
  const formRoute = /^\/api\/auth\/oidc\/[^/?]+\/backchannel-logout(\?|$)/;
  fastify.addHook('onRequest', (request, _reply, done) => {
    const type = request.headers['content-type'] ?? '';
    if (/^application\/x-www-form-urlencoded\b/i.test(type) && !formRoute.test(request.url)) {
      done(new DomainError(ErrorCode.JSON_REQUIRED, 'Send the body as JSON (content-type application/json)'));
      return;
    }
    done();
  });
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } });
  // Made once and set on every answer, errors included (@fastify/helmet would make the middleware
  // again for each request).
  const securityHeaders = helmet(SECURITY_HEADERS);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
    );

  serveOpenApi(app, buildOpenApi(app, config.version));
  await serveQueueBoard(app);

  const frontendDist = resolveFrontendDist(config.http.frontendDist);
  if (frontendDist) {
    await serveFrontend(app, frontendDist);
  }
  return app;
}
