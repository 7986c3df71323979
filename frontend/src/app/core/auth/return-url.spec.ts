import { returnUrlFrom } from './return-url';

describe('returnUrlFrom', () => {
  it('keeps the page the user is on', () => {
    expect(returnUrlFrom('/dispensations/abc')).toBe('/dispensations/abc');
    expect(returnUrlFrom('/orders?status=DRAFT')).toBe('/orders?status=DRAFT');
  });

  it('never puts a login address inside another: from the login page, the page it returns to', () => {
    expect(returnUrlFrom('/login?returnUrl=%2Fdispensations%2Fabc&expired=1')).toBe('/dispensations/abc');
    expect(
      returnUrlFrom('/login?returnUrl=%2Flogin%3FreturnUrl%3D%252Fdispensations%252Fabc%26expired%3D1'),
    ).toBe('/dispensations/abc');
    expect(returnUrlFrom('/login')).toBe('/');
  });
});
