import { ErrorCode } from '@hyrkoll/contracts';
import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify } from 'jose';
import type { ServerMetadata } from 'openid-client';

import { DomainError } from '../../../common/errors/domain-error';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this is refused, whatever its `exp` says. */
const MAX_AGE = '5m';
const CLOCK_TOLERANCE_SECONDS = 30;

export interface LogoutToken {
  jti: string;
  sid: string | null;
  sub: string | null;
}

/** The key sets of the providers, by their `jwks_uri` (jose refetches on an unknown key). */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySetOf(jwksUri: string): ReturnType<typeof createRemoteJWKSet> {
  let keySet = keySets.get(jwksUri);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000, cooldownDuration: 30_000 });
    keySets.set(jwksUri, keySet);
  }
  return keySet;
}

const logger = new Logger('BackchannelLogout');

/** A refusal that tells the caller only that the token is not valid; the reason goes to the log. */
export function invalidLogoutToken(reason: string): DomainError {
  logger.warn(`a back-channel logout token was refused: ${reason}`);
  return new DomainError(ErrorCode.LOGOUT_TOKEN_INVALID, 'The logout token is not valid');
}

const invalid = invalidLogoutToken;

/**
 * Checks a back-channel logout token as section 2.6 of OpenID Connect Back-Channel Logout 1.0
 * asks: signed by the provider's key, issued by it, for this client, recent, with the logout
 * event, a `jti`, a `sid` or `sub`, and no `nonce`.
 */
export async function verifyLogoutToken(
  metadata: ServerMetadata,
  clientId: string,
  token: unknown,
): Promise<LogoutToken> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8000) {
    throw invalid('logout_token is missing or too long');
  }
  if (!metadata.jwks_uri) throw invalid('the provider publishes no keys');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySetOf(metadata.jwks_uri), {
      issuer: metadata.issuer,
      audience: clientId,
      maxTokenAge: MAX_AGE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const events = payload['events'];
  if (typeof events !== 'object' || events === null || !(BACKCHANNEL_EVENT in events)) {
    throw invalid('it has no back-channel logout event');
  }
  if ('nonce' in payload) throw invalid('it has a nonce');
  if (typeof payload.jti !== 'string' || payload.jti.length === 0) throw invalid('it has no jti');
  const sid = typeof payload['sid'] === 'string' ? payload['sid'] : null;
  const sub = typeof payload.sub === 'string' ? payload.sub : null;
  if (!sid && !sub) throw invalid('it names neither sid nor sub');
  return { jti: payload.jti.slice(0, 200), sid, sub };
}
