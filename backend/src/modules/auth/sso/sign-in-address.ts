import type { AppConfig } from '../../../config/app-config';

/** Where a sign-in through the provider returns, and the browser's cookie of sign-ins under way. */

/** The callback's address at the provider: the same for every region (the attempt names it). */
export function callbackUrl(config: AppConfig): string {
  return `${config.http.publicUrl}/api/auth/oidc/callback`;
}

/**
 * A return address inside the application, or `/`: never another site (an open redirect), never
 * the login or the API, and percent-encoded as a `Location` header needs (no raw non-ASCII).
 */
export function safeReturnUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000 || !raw.startsWith('/')) return '/';
  if ([...raw].some((c) => c < ' ' || c === '\\')) return '/';
  let url: URL;
  try {
    url = new URL(raw, 'http://hyrkoll.invalid');
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/..//host` resolves to `//host`: a path that a browser would read as another site
  if (url.origin !== 'http://hyrkoll.invalid' || path.startsWith('//')) return '/';
  if (/^\/(api|login)(\/|\?|#|$)/.test(path)) return '/';
  return path;
}

/** How many sign-ins one browser may have started and not finished (one per tab, say). */
const MAX_ATTEMPTS_PER_BROWSER = 5;

/** The attempt ids a browser's cookie holds, newest last. */
export function attemptIdsOf(cookie: string | undefined): string[] {
  if (!cookie) return [];
  return cookie
    .split('.')
    .filter((id) => /^[\w-]{20,64}$/.test(id))
    .slice(-MAX_ATTEMPTS_PER_BROWSER);
}

/** The cookie's value with one more attempt, the oldest dropped beyond the limit. */
export function withAttempt(cookie: string | undefined, attemptId: string): string {
  return [...attemptIdsOf(cookie), attemptId].slice(-MAX_ATTEMPTS_PER_BROWSER).join('.');
}
