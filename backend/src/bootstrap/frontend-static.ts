import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Where the built Angular app is: FRONTEND_DIST, else the workspace's build output. */
export function resolveFrontendDist(configured: string): string | null {
  const candidates = configured
    ? [resolve(configured)]
    : [resolve('dist/frontend/browser'), join(__dirname, '../frontend/browser')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built frontend on the API's port. Files are served as they are (hashed names
 * cached for a year); any other GET outside /api gets index.html so that deep links work;
 * /api paths and missing files fall through to Nest's JSON 404.
 */
export async function serveFrontend(app: NestFastifyApplication, root: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      const hashed = /-[0-9A-Z]{8}\.(js|css)$/.test(path);
      res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    if (path === '/api' || path.startsWith('/api/') || lastSegment.includes('.')) {
      return reply.callNotFound();
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
