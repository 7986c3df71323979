import { toErrorBody } from './all-exceptions.filter';

/** A driver error as pg reports it, wrapped as TypeORM's QueryFailedError carries it. */
function pgError(code: string): Error {
  return Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('pg'), { code }) });
}

describe('errors PostgreSQL resolves by cancelling one of two transactions', () => {
  it.each([
    ['deadlock', '40P01'],
    ['serialization failure', '40001'],
    ['lock not available', '55P03'],
  ])('answers a %s with 409 TRANSIENT_CONFLICT asking to try again, never 500', (_, code) => {
    expect(toErrorBody(pgError(code))).toEqual({
      statusCode: 409,
      code: 'TRANSIENT_CONFLICT',
      message: expect.stringMatching(/at the same moment and nothing was saved: reload and try again$/),
    });
  });

  it('still answers another database error with 500', () => {
    expect(toErrorBody(pgError('XX000')).statusCode).toBe(500);
  });
});
