import { randomBytes } from 'node:crypto';

/** A secret for a one-time link: 256 random bits, URL-safe. Store only its `tokenHash`. */
export function newOneTimeToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The page where a user chooses their password. The token travels in the fragment, which the
 * browser never sends to a server, so no access log or proxy records it.
 */
export function passwordSetupLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/password-setup#${token}`;
}
