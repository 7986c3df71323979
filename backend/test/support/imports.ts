import type { ImportDto, ImportStatus } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';

import { eventuallyValue } from './eventually';
import { as, TestSession } from './sessions';

/** The source the tests import under unless they name one. */
export const TEST_SOURCE = 'test';

/**
 * Uploads a file to `/api/imports/{kind}?source=…` as `session`; the request, to expect on. The
 * import then waits for confirmation: `importFinished` confirms and waits for the write.
 */
export function uploadImport(
  app: NestFastifyApplication,
  session: TestSession,
  kind: string,
  content: string | Buffer,
  name = 'import.csv',
  source: string | null = TEST_SOURCE,
) {
  const query = source === null ? '' : `?source=${encodeURIComponent(source)}`;
  return request(app.getHttpServer())
    .post(`/api/imports/${kind}${query}`)
    .set('cookie', session.cookie)
    .set('x-csrf-token', session.csrf)
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
}

/** Polls an import until its status is one of `statuses` (for at most a minute). */
export function importReaches(
  app: NestFastifyApplication,
  session: TestSession,
  id: string,
  statuses: readonly ImportStatus[],
): Promise<ImportDto> {
  return eventuallyValue(
    `import ${id} to reach ${statuses.join(' or ')}`,
    async () => (await as(app, session).get(`/api/imports/${id}`).expect(200)).body as ImportDto,
    (imp) => statuses.includes(imp.status),
    60_000,
  );
}

/** Polls an import until it is validated (AWAITING_CONFIRMATION, with its preview), REFUSED or FAILED. */
export function importPreviewed(
  app: NestFastifyApplication,
  session: TestSession,
  id: string,
): Promise<ImportDto> {
  return importReaches(app, session, id, ['AWAITING_CONFIRMATION', 'REFUSED', 'FAILED']);
}

/**
 * Polls an import until it is DONE, REFUSED or FAILED (or DISCARDED, UNDONE), confirming it when
 * it awaits confirmation (the two steps of the purchaser in one).
 */
export async function importFinished(
  app: NestFastifyApplication,
  session: TestSession,
  id: string,
): Promise<ImportDto> {
  const validated = await importReaches(app, session, id, [
    'AWAITING_CONFIRMATION',
    'WRITING',
    'DONE',
    'REFUSED',
    'FAILED',
    'DISCARDED',
    'UNDONE',
  ]);
  if (validated.status === 'AWAITING_CONFIRMATION') {
    await as(app, session).post(`/api/imports/${id}/confirm`).expect(202);
  }
  return importReaches(app, session, id, ['DONE', 'REFUSED', 'FAILED', 'DISCARDED', 'UNDONE']);
}
