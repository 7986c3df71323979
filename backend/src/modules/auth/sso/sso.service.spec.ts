import type { IDToken } from 'openid-client';

import type { ProviderSettings } from './identity-providers';
import { proposedRoles, safeReturnUrl } from './sso.service';

describe('safeReturnUrl', () => {
  it.each([
    ['/orders?status=DRAFT', '/orders?status=DRAFT'],
    ['/', '/'],
    ['https://evil.test/', '/'],
    ['//evil.test/x', '/'],
    ['/\\evil.test', '/'],
    ['/api/auth/logout', '/'],
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
