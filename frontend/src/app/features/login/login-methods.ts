import type { LoginMethodsDto, LoginProviderDto } from '@hyrkoll/contracts';

/** What `/login?sso=<outcome>` can report that the login page words itself. */
export type SsoMessage = 'stale' | 'cancelled' | 'failed' | 'unavailable';

/** The sign-in outcome the login page shows, from `?sso=`; an outcome it does not know reads as failed. */
export function ssoMessageOf(outcome: string | undefined): SsoMessage | null {
  if (!outcome) return null;
  return outcome === 'stale' || outcome === 'cancelled' || outcome === 'unavailable' ? outcome : 'failed';
}

/** The providers the page offers: the one of the region in the address (`/login/24`), else all. */
export function providersFor(
  methods: LoginMethodsDto | null,
  regionCode: string | undefined,
): LoginProviderDto[] {
  const providers = methods?.providers ?? [];
  return regionCode ? providers.filter((p) => p.region.code === regionCode) : providers;
}

/**
 * Where the browser goes to sign in through a provider; the API sends it back to `returnUrl`
 * (a path inside the app) once the person is signed in.
 */
export function ssoStartUrl(provider: LoginProviderDto, returnUrl: string): string {
  const separator = provider.loginUrl.includes('?') ? '&' : '?';
  return `${provider.loginUrl}${separator}returnUrl=${encodeURIComponent(returnUrl)}`;
}
