import type { IDToken } from 'openid-client';

import { failureDetail, proposedRoles, trustedEmail } from './identity-claims';
import type { ProviderSettings } from './identity-providers';
import { attemptIdsOf, safeReturnUrl, withAttempt } from './sign-in-address';

describe('safeReturnUrl', () => {
  it.each([
    ['/orders?status=DRAFT', '/orders?status=DRAFT'],
    ['/', '/'],
    ['https://evil.test/', '/'],
    ['//evil.test/x', '/'],
    ['/\\evil.test', '/'],
    ['/api/auth/logout', '/'],
    ['/login?sso=failed', '/'],
    ['/..//evil.test', '/'],
    ['/orders?q=Kåge', '/orders?q=K%C3%A5ge'],
    ['/a/../orders#top', '/orders#top'],
    ['/orders\nSet-Cookie: x', '/'],
    ['orders', '/'],
    [undefined, '/'],
    [`/${'x'.repeat(2000)}`, '/'],
  ])('%j goes to %j', (raw, expected) => {
    expect(safeReturnUrl(raw)).toBe(expected);
  });
});

describe('proposedRoles', () => {
  const settings = {
    groupsClaim: 'groups',
    groupRoles: {
      inkop: 'PURCHASER',
      styr: 'STEERING_GROUP',
      chefer: 'AREA_CHIEF:5d1c1f5e-0000-4000-8000-000000000001',
      trasig: 'AREA_CHIEF',
      okand: 'KING',
    },
  } as unknown as ProviderSettings;
  const claims = (groups: unknown) => ({ sub: 's', groups }) as unknown as IDToken;

  it('proposes the mapped roles of the groups the identity is in, once each', () => {
    expect(proposedRoles(settings, claims(['inkop', 'chefer', 'inkop', 'other']))).toEqual([
      { role: 'PURCHASER' },
      { role: 'AREA_CHIEF', areaId: '5d1c1f5e-0000-4000-8000-000000000001' },
    ]);
  });

  it('proposes nothing for an unscoped area chief, an unknown role, or a claim that is no list', () => {
    expect(proposedRoles(settings, claims(['trasig', 'okand']))).toEqual([]);
    expect(proposedRoles(settings, claims('inkop'))).toEqual([]);
    expect(proposedRoles({ ...settings, groupsClaim: null }, claims(['inkop']))).toEqual([]);
  });
});

describe('trustedEmail', () => {
  const claims = (extra: Record<string, unknown>) =>
    ({ sub: 's', email: 'a@b.se', ...extra }) as unknown as IDToken;

  it('verified: only an address the provider says it verified (or Entra ID’s domain-owner flag)', () => {
    const verified = { emailLink: 'verified' as const };
    expect(trustedEmail(verified, claims({ email_verified: true }))).toBe('a@b.se');
    expect(trustedEmail(verified, claims({ xms_edov: true }))).toBe('a@b.se');
    expect(trustedEmail(verified, claims({}))).toBeNull();
    expect(trustedEmail(verified, claims({ email_verified: false }))).toBeNull();
  });

  it('trusted: any address not marked unverified; off: none', () => {
    expect(trustedEmail({ emailLink: 'trusted' }, claims({}))).toBe('a@b.se');
    expect(trustedEmail({ emailLink: 'trusted' }, claims({ email_verified: false }))).toBeNull();
    expect(trustedEmail({ emailLink: 'off' }, claims({ email_verified: true }))).toBeNull();
  });
});

describe('the attempts a browser keeps', () => {
  const id = (n: number) => `attempt-${String(n).padStart(20, '0')}`;

  it('adds the newest and keeps at most five, dropping what is not an id', () => {
    let cookie: string | undefined;
    for (let n = 1; n <= 7; n++) cookie = withAttempt(cookie, id(n));
    expect(attemptIdsOf(cookie)).toEqual([3, 4, 5, 6, 7].map(id));
    expect(attemptIdsOf(`${id(1)}.not an id.x`)).toEqual([id(1)]);
    expect(attemptIdsOf(undefined)).toEqual([]);
  });
});

describe('failureDetail', () => {
  it('names the OAuth error and its description for the log', () => {
    const error = Object.assign(new Error('server responded with an error in the response body'), {
      error: 'invalid_grant',
      error_description: 'authorization code is expired',
    });
    expect(failureDetail(error)).toBe(
      'Error: server responded with an error in the response body; error=invalid_grant; error_description=authorization code is expired',
    );
    expect(failureDetail(new Error('outer', { cause: new Error('ECONNREFUSED') }))).toBe(
      'Error: outer; cause: ECONNREFUSED',
    );
  });
});
