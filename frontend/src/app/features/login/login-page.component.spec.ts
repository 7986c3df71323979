import { safeReturnUrl } from './login-page.component';

describe('safeReturnUrl', () => {
  it('follows a path inside the app', () => {
    expect(safeReturnUrl('/organisation?area=LSO1')).toBe('/organisation?area=LSO1');
  });

  it('goes to the start page for anything else', () => {
    expect(safeReturnUrl(undefined)).toBe('/');
    expect(safeReturnUrl('')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/login?returnUrl=/x')).toBe('/');
  });
});
