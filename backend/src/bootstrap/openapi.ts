import { API_PREFIX, ApiPath, CSRF_HEADER, SESSION_COOKIE } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import type { RouteAccess } from '../common/auth/access.decorators';
import { OPERATOR_COOKIE } from '../common/auth/operator-sessions';
import { RouteAccessRegistry } from '../common/auth/route-access.registry';

function describeAccess(access: RouteAccess | undefined): string {
  switch (access?.kind) {
    case 'public':
      return 'Access: public (no login).';
    case 'logged-in':
      return 'Access: any logged-in user.';
    case 'permission':
      return `Access: needs the permission \`${access.permission}\`; records outside the user's scope are not found.`;
    case 'operator':
      return "Access: the deployment's operator only (operator's session cookie); a region's users get 403.";
    default:
      return 'Access: undeclared.';
  }
}

/**
 * The OpenAPI document, with each operation's access rule taken from the same route table
 * the guard enforces (`x-permission`, the description and the security requirement).
 */
export function buildOpenApi(app: NestFastifyApplication, version: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hyrkoll API')
      .setDescription(
        'Ordering of hired staff, dispensations, purchased hours and the SKR measure. ' +
          'Log in with POST /api/auth/login: the session is an httpOnly cookie, and every POST, PUT, PATCH and ' +
          `DELETE must carry the CSRF token from the login answer (or GET /api/auth/me) in the ${CSRF_HEADER} header. ` +
          'Every error has the shape { statusCode, code, message, details? }; validation errors list ' +
          '{ field, message } per field; illegal state changes are 409 naming the current state.',
      )
      .setVersion(version)
      .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, 'session')
      .addCookieAuth(
        OPERATOR_COOKIE,
        { type: 'apiKey', in: 'cookie', name: OPERATOR_COOKIE },
        'operatorSession',
      )
      .addApiKey({ type: 'apiKey', in: 'header', name: CSRF_HEADER }, 'csrf')
      .build(),
  );
  for (const route of app.get(RouteAccessRegistry).table()) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const operation = document.paths[path]?.[route.method.toLowerCase() as 'get'];
    if (!operation) continue;
    operation.description = [describeAccess(route.access), operation.description]
      .filter(Boolean)
      .join('\n\n');
    Object.assign(operation, { 'x-access': route.access ?? null });
    if (route.access?.kind !== 'public') {
      const session = route.access?.kind === 'operator' ? 'operatorSession' : 'session';
      operation.security = route.method === 'GET' ? [{ [session]: [] }] : [{ [session]: [], csrf: [] }];
    }
    if (route.method === 'POST' && route.access?.kind !== 'public' && route.access?.kind !== 'operator') {
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
          description:
            'Makes a retry safe: a repeated request with the same key returns the first result ' +
            '(header Idempotent-Replayed: true) and writes nothing again. Kept for 24 hours.',
        },
      ];
    }
  }
  return document;
}

export function serveOpenApi(app: NestFastifyApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(`${API_PREFIX}/${ApiPath.docs}`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/${ApiPath.docsJson}`,
  });
}
