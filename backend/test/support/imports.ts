import type { ImportDto } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { as, TestSession } from './sessions';

/** Uploads a file to `/api/imports/{kind}` as `session`; the request, to expect on. */
export function uploadImport(
  app: NestFastifyApplication,
  session: TestSession,
  kind: string,
  content: string | Buffer,
  name = 'import.csv',
) {
  return request(app.getHttpServer())
    .post(`/api/imports/${kind}`)
    .set('cookie', session.cookie)
    .set('x-csrf-token', session.csrf)
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
}

/** Polls an import until it is DONE, REFUSED or FAILED. */
export async function importFinished(
  app: NestFastifyApplication,
  session: TestSession,
  id: string,
): Promise<ImportDto> {
  for (let i = 0; i < 600; i++) {
    const imp = (await as(app, session).get(`/api/imports/${id}`).expect(200)).body as ImportDto;
    if (['DONE', 'REFUSED', 'FAILED'].includes(imp.status)) return imp;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}
