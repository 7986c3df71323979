import { CSRF_HEADER, MeDto } from '@hyrkoll/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Test } from 'supertest';

import { DEMO_PASSWORD } from '../../src/database/seeds/demo-users';

export interface TestSession {
  cookie: string;
  csrf: string;
  me: MeDto;
}

/** Logs in through the real login route and keeps the session cookie and CSRF token. */
export async function loginAs(
  app: NestFastifyApplication,
  email: string,
  password = DEMO_PASSWORD,
): Promise<TestSession> {
  const res = await request(app.getHttpServer()).post('/api/auth/login').send({ email, password });
  if (res.status !== 200)
    throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: (res.body as MeDto).csrfToken, me: res.body as MeDto };
}

/** A client that sends the session's cookie, and its CSRF token on writes. */
export function as(app: NestFastifyApplication, session: TestSession) {
  const server = app.getHttpServer();
  const withCookie = (test: Test) => test.set('cookie', session.cookie);
  const write = (test: Test) => withCookie(test).set(CSRF_HEADER, session.csrf);
  return {
    get: (path: string) => withCookie(request(server).get(path)),
    post: (path: string, body?: object) => write(request(server).post(path)).send(body ?? {}),
    put: (path: string, body?: object) => write(request(server).put(path)).send(body ?? {}),
    patch: (path: string, body?: object) => write(request(server).patch(path)).send(body ?? {}),
    delete: (path: string) => write(request(server).delete(path)),
  };
}

/** Demo accounts by role, for tests. */
export const DEMO = {
  unitManagerSkelleftea: 'eva.lindqvist@demo.hyrkoll.se',
  unitManagerLappland: 'johan.berg@demo.hyrkoll.se',
  areaChiefSkelleftea: 'maria.nilsson@demo.hyrkoll.se',
  areaChiefLappland: 'per.holmberg@demo.hyrkoll.se',
  areaChiefAndUnitManagerUmea: 'lena.forsberg@demo.hyrkoll.se',
  healthcareDirector: 'karin.ek@demo.hyrkoll.se',
  purchaser: 'lars.oberg@demo.hyrkoll.se',
  steeringGroup: 'sofia.wikstrom@demo.hyrkoll.se',
  administrator: 'anders.sjoberg@demo.hyrkoll.se',
} as const;
