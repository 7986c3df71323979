import { randomBytes } from 'node:crypto';

import type { OperatorMeDto } from '@hyrkoll/contracts';
import request from 'supertest';

import { runCli } from './cli';
import type { TestApp } from './test-app';
import { testEnv } from './test-env';

export interface OperatorSession {
  email: string;
  /** The operator's session cookie, and the board's XSRF-TOKEN cookie, as a Cookie header. */
  cookie: string;
  csrf: string;
  me: OperatorMeDto;
}

/** Creates an operator with the CLI (as a deployment does) and returns its printed password. */
export async function createOperator(
  api: TestApp,
): Promise<{ email: string; password: string; out: string }> {
  const email = `operator-${randomBytes(4).toString('hex')}@drift.example.se`;
  const { code, out } = await runCli(
    'operator:create',
    { ...testEnv(), DATABASE_URL: api.config.database.url },
    ['--email', email, '--name', 'Drift Operatör'],
  );
  const password = /password: (\S+)/.exec(out)?.[1];
  if (code !== 0 || !password) throw new Error(`operator:create failed: ${out}`);
  return { email, password, out };
}

/** Logs an operator in through the operator's login route. */
export async function loginOperator(api: TestApp, email: string, password: string): Promise<OperatorSession> {
  const res = await request(api.app.getHttpServer()).post('/api/operator/login').send({ email, password });
  if (res.status !== 200) throw new Error(`operator login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = res.body as OperatorMeDto;
  return { email, cookie, csrf: me.csrfToken, me };
}

/** A new operator, logged in. */
export async function newOperator(api: TestApp): Promise<OperatorSession> {
  const { email, password } = await createOperator(api);
  return loginOperator(api, email, password);
}
