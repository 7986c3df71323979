import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PREFIX } from '@hyrkoll/contracts';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { createValidationPipe } from '../common/errors/validation';
import { requestIdOf } from '../common/logging/logging.module';
import { resolveFrontendDist, serveFrontend } from './frontend-static';
import { buildOpenApi, serveOpenApi } from './openapi';
import { serveQueueBoard } from './queue-board';
import { MAX_IMPORT_BYTES } from '../modules/imports/imports.service';

/** Largest JSON body accepted; file uploads go through multipart with their own limits. */
const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the HTTP API, fully configured but not yet listening: used by main.ts and by the
 * integration tests, so that the tests exercise exactly what production runs.
 */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.http.trustProxy,
    requestIdHeader: false,
    genReqId: requestIdOf,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Bodies are JSON (uploads use multipart): anything else is refused with 415.
  fastify.removeContentTypeParser('text/plain');

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } });
  await app.register(helmet, {
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
  });

  serveOpenApi(app, buildOpenApi(app, config.version));
  await serveQueueBoard(app);

  const frontendDist = resolveFrontendDist(config.http.frontendDist);
  if (frontendDist) {
    await serveFrontend(app, frontendDist);
  }
  return app;
}
