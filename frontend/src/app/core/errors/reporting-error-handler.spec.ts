import { CLIENT_ERROR_MAX_BYTES } from '@hyrkoll/contracts';

import { reportOf } from './reporting-error-handler';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('the report of a browser error', () => {
  it('keeps a small error whole', () => {
    const error = new TypeError('x is undefined');
    expect(reportOf(error, '/orders/42')).toEqual({
      message: 'x is undefined',
      url: '/orders/42',
      stack: error.stack,
    });
  });

  it('fits the API limit, shortening the stack first, also for text of several bytes a character', () => {
    const error = new Error('ö'.repeat(1500));
    error.stack = `Error: ${'å'.repeat(20_000)}`;
    const report = reportOf(error, `/${'x'.repeat(3000)}`);
    expect(bytes(report)).toBeLessThanOrEqual(CLIENT_ERROR_MAX_BYTES);
    expect(report.url).toHaveLength(500);
    expect(report.message).toBe('ö'.repeat(1500));
    expect(report.stack?.startsWith('Error: åå')).toBe(true);
  });

  it('shortens the message too when it alone is over the limit', () => {
    const report = reportOf(new Error('€'.repeat(2000)), '/');
    expect(bytes(report)).toBeLessThanOrEqual(CLIENT_ERROR_MAX_BYTES);
    expect(report.message.length).toBeGreaterThan(1000);
  });
});
