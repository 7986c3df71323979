import { ErrorCode } from '@hyrkoll/contracts';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';

import { toErrorBody } from './all-exceptions.filter';
import { unavailableMessage } from './unavailable';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('unavailableMessage', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'a server being stopped (57P01)',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a crashed server process (57P02)', withCode('terminating connection because of crash', '57P02')],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['a connection cut', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['a transaction whose connection broke before COMMIT', new QueryRunnerAlreadyReleasedError()],
    ['a transaction whose connection broke mid-way', new QueryRunnerProviderAlreadyReleasedError()],
  ])('recognises %s', (_what, error) => {
    expect(unavailableMessage(error)).toMatch(/try again shortly/);
  });

  it('looks inside TypeORM errors, causes and aggregate errors', () => {
    const driver = withCode('terminating connection due to administrator command', '57P01');
    expect(unavailableMessage(new QueryFailedError('SELECT 1', [], driver))).toMatch(/database/);
    expect(unavailableMessage(new Error('wrapped', { cause: driver }))).toMatch(/database/);
    const refused = new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '');
    expect(unavailableMessage(refused)).not.toBeNull();
  });

  it('leaves real errors alone: constraint violations, deadlocks, bugs', () => {
    expect(unavailableMessage(withCode('duplicate key value', '23505'))).toBeNull();
    expect(unavailableMessage(withCode('deadlock detected', '40P01'))).toBeNull();
    expect(unavailableMessage(new TypeError('x is undefined'))).toBeNull();
    expect(unavailableMessage(null)).toBeNull();
  });

  it('makes the filter answer 503 SERVICE_UNAVAILABLE in the error shape', () => {
    expect(toErrorBody(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toEqual({
      statusCode: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: expect.stringMatching(/try again shortly/),
    });
    expect(toErrorBody(new TypeError('x is undefined'))).toMatchObject({ statusCode: 500 });
  });
});
