import { randomBytes } from 'node:crypto';

import {
  AuditEntity,
  ErrorCode,
  LoginMethodsDto,
  NoAccessDto,
  Role,
  RoleGrantInput,
  ROLES,
  SsoOutcome,
} from '@hyrkoll/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';

import { Actor, systemActor } from '../../../common/auth/auth-user';
import { passwordsAllowed } from '../../../common/auth/password-policy';
import { SessionResolver } from '../../../common/auth/sessions';
import { DomainError } from '../../../common/errors/domain-error';
import { REDIS } from '../../../common/redis/redis.module';
import { AppConfig } from '../../../config/app-config';
import { AuditService } from '../../audit/audit.service';
import { AccessRequestsService } from '../../users/access-requests.service';
import { deleteSession } from '../auth.queries';
import { IdentityProviders, ProviderSettings } from './identity-providers';
import { invalidLogoutToken, verifyLogoutToken } from './logout-token';
import {
  administratorsOf,
  deleteProviderSessions,
  insertProviderSession,
  linkIdentity,
  resolveRequestsOf,
  SsoUserRow,
  userOfIdentity,
} from './sso.queries';

/** How long a started sign-in waits for the provider's answer, and a no-access page's reference lives. */
const ATTEMPT_SECONDS = 10 * 60;

/** What a started sign-in keeps until the provider answers (in Redis, used once). */
interface Attempt {
  regionCode: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnUrl: string;
}

/** How a sign-in ended: a session, or a refusal and where to say so. */
type SignInResult =
  | { kind: 'session'; token: string; returnUrl: string }
  | { kind: 'refused'; outcome: SsoOutcome; ref?: string; regionCode?: string };

export type CallbackResult = SignInResult & {
  /** The browser's other sign-ins still waiting, for its cookie. */
  pending: string[];
};

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

/**
 * Sign-in through the region's identity provider (decision 024): the authorization code flow
 * with PKCE, state and nonce, checked by `openid-client`; the identity's link to a user of the
 * region; sessions as for passwords; back-channel logout. Roles stay Hyrkoll's.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly providers: IdentityProviders,
    private readonly sessions: SessionResolver,
    private readonly audit: AuditService,
    private readonly accessRequests: AccessRequestsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Whether passwords work in the region, or (without one) in any region: see `passwordsAllowed`. */
  passwordAllowed(regionId: string | null = null): Promise<boolean> {
    return passwordsAllowed(this.config, this.dataSource, regionId);
  }

  async methods(): Promise<LoginMethodsDto> {
    const providers = await this.providers.all();
    return {
      password: await this.passwordAllowed(),
      providers: providers.map((p) => ({
        region: { code: p.regionCode, name: p.regionName },
        label: p.label,
        loginUrl: `/api/auth/oidc/${p.regionCode}/login`,
      })),
    };
  }

  /** Starts a sign-in: returns the provider's address to send the browser to, and the attempt's id. */
  async start(
    regionCode: string,
    returnUrl: unknown,
    prompt?: 'login',
  ): Promise<{ url: string; attemptId: string }> {
    const settings = await this.providers.forRegion(regionCode);
    if (!settings) {
      throw new DomainError(
        ErrorCode.SSO_NOT_CONFIGURED,
        `No region with the code ${regionCode} signs in through an identity provider`,
        { params: { region: regionCode } },
      );
    }
    const client = await this.providers.client(settings);
    const attempt: Attempt = {
      regionCode,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnUrl: safeReturnUrl(returnUrl),
    };
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: callbackUrl(this.config),
      scope: settings.scopes,
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
      // another person at the same browser: the provider asks who signs in
      ...(prompt && { prompt }),
    });
    const attemptId = randomBytes(24).toString('base64url');
    await this.redis.set(this.key('attempt', attemptId), JSON.stringify(attempt), 'EX', ATTEMPT_SECONDS);
    return { url: url.href, attemptId };
  }

  /**
   * The provider's answer: the attempt (named by the browser's cookie) is used once; the code is
   * exchanged and the ID token checked (issuer, audience, signature, expiry, nonce) before the
   * identity is looked up in the region.
   */
  async callback(
    attemptIds: string[],
    currentUrl: URL,
    meta: { userAgent: string | null; previousToken?: string; requestId: string },
  ): Promise<CallbackResult> {
    const state = currentUrl.searchParams.get('state');
    const found = await this.takeAttempt(attemptIds, state);
    const pending = found.pending;
    if (!found.attempt) {
      this.logger.warn(`a sign-in's answer was refused as stale: ${found.reason}`);
      return { kind: 'refused', outcome: SsoOutcome.STALE, pending };
    }
    const attempt = found.attempt;
    const refused = (outcome: SsoOutcome): CallbackResult => ({
      kind: 'refused',
      outcome,
      regionCode: attempt.regionCode,
      pending,
    });
    const settings = await this.providers.forRegion(attempt.regionCode);
    if (!settings) return refused(SsoOutcome.FAILED);
    if (currentUrl.searchParams.get('error') === 'access_denied') {
      this.logger.log(`region ${settings.regionCode}: a sign-in was cancelled at the provider`);
      return refused(SsoOutcome.CANCELLED);
    }
    let claims: oidc.IDToken;
    let idToken: string | null;
    try {
      const client = await this.providers.client(settings);
      const tokens = await oidc.authorizationCodeGrant(client, currentUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const verified = tokens.claims();
      if (!verified) return refused(SsoOutcome.FAILED);
      claims = verified;
      idToken = tokens.id_token ?? null;
    } catch (error) {
      return refused(this.outcomeOf(error, settings));
    }
    const result = await this.signIn(settings, claims, idToken, attempt.returnUrl, meta);
    return { ...result, pending };
  }

  /**
   * The browser's sign-in that the answer's state belongs to, taken (used once); the others stay.
   * Each is looked up by its id from the cookie; the state must match one of them.
   */
  private async takeAttempt(
    ids: string[],
    state: string | null,
  ): Promise<{ attempt?: Attempt; pending: string[]; reason: string }> {
    if (ids.length === 0)
      return { pending: [], reason: 'the browser sent no sign-in cookie (another host or browser?)' };
    const raws = await this.redis.mget(ids.map((id) => this.key('attempt', id)));
    const live = ids.flatMap((id, i) => (raws[i] ? [{ id, attempt: JSON.parse(raws[i]) as Attempt }] : []));
    const match = live.find((a) => a.attempt.state === state);
    const pending = live.filter((a) => a !== match).map((a) => a.id);
    if (!match) {
      const reason =
        live.length === 0 ? 'its sign-in expired or was used' : 'the state is not one this browser started';
      return { pending, reason };
    }
    if ((await this.redis.del(this.key('attempt', match.id))) === 0) {
      return { pending, reason: 'its sign-in was used at the same moment' };
    }
    return { attempt: match.attempt, pending, reason: '' };
  }

  private async signIn(
    settings: ProviderSettings,
    claims: oidc.IDToken,
    idToken: string | null,
    returnUrl: string,
    meta: { userAgent: string | null; previousToken?: string; requestId: string },
  ): Promise<SignInResult> {
    const name = displayName(claims);
    const email = trustedEmail(settings, claims);
    const subject = settings.userClaim === 'email' ? email : claimText(claims, settings.userClaim);
    if (!subject) {
      this.logger.warn(
        `region ${settings.regionCode}: the ID token has no ${settings.userClaim === 'email' ? 'e-mail address the provider vouches for' : `claim ${settings.userClaim}`}`,
      );
      return { kind: 'refused', outcome: SsoOutcome.FAILED, regionCode: settings.regionCode };
    }
    const signInActor = systemActor(settings.regionId, 'sign-in', meta.requestId);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.userOf(manager, settings, subject, email, meta.requestId);
      if (!user || !user.active) {
        if (!user) {
          await this.accessRequests.record(manager, signInActor, {
            subject,
            name,
            email,
            proposedRoles: proposedRoles(settings, claims),
          });
        } else {
          await this.audit.record(manager, signInActor, {
            action: 'auth.login-refused',
            entityType: AuditEntity.USER,
            entityId: user.id,
            after: { method: 'oidc', reason: 'inactive' },
          });
        }
        const outcome = user ? SsoOutcome.INACTIVE : SsoOutcome.NO_ACCESS;
        const ref = await this.noAccessRef({ outcome, regionCode: settings.regionCode, name });
        return { kind: 'refused' as const, outcome, ref };
      }
      // a request the same identity left in a race with its own first sign-in is settled now
      await resolveRequestsOf(manager, settings.regionId, subject);
      const token = randomBytes(32).toString('base64url');
      if (meta.previousToken) await deleteSession(manager, meta.previousToken);
      await insertProviderSession(manager, {
        token,
        userId: user.id,
        csrfToken: randomBytes(24).toString('base64url'),
        idleMinutes: this.sessions.idleMinutes(),
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        sid: typeof claims['sid'] === 'string' ? claims['sid'] : null,
        sub: claims.sub,
        idToken,
      });
      const actor: Actor = {
        regionId: settings.regionId,
        userId: user.id,
        name: user.name,
        requestId: meta.requestId,
      };
      await this.audit.record(manager, actor, {
        action: 'auth.login',
        entityType: AuditEntity.USER,
        entityId: user.id,
        after: { method: 'oidc', issuer: settings.issuer },
      });
      return { kind: 'session' as const, token, returnUrl };
    });
  }

  /**
   * The user an identity names. By e-mail when the provider identifies by e-mail; else by its
   * link, and a user not yet linked is linked on the first sign-in when the provider vouches
   * for the user's e-mail address (which no administrator can change).
   */
  private async userOf(
    manager: import('typeorm').EntityManager,
    settings: ProviderSettings,
    subject: string,
    email: string | null,
    requestId: string,
  ): Promise<SsoUserRow | undefined> {
    if (settings.userClaim === 'email') return userOfIdentity(manager, settings.regionId, 'email', subject);
    const linked = await userOfIdentity(manager, settings.regionId, 'external_id', subject);
    if (linked || !email) return linked;
    const byEmail = await userOfIdentity(manager, settings.regionId, 'email', email);
    if (!byEmail) return undefined;
    // linked to this identity a moment ago by another of its sign-ins
    if (byEmail.external_id === subject) return byEmail;
    if (byEmail.external_id !== null) return undefined;
    if (!(await linkIdentity(manager, byEmail.id, subject))) {
      // another sign-in of the same identity linked it a moment ago (two tabs, a double click)
      return userOfIdentity(manager, settings.regionId, 'external_id', subject);
    }
    await this.audit.record(manager, systemActor(settings.regionId, 'sign-in', requestId), {
      action: 'user.identity-link',
      entityType: AuditEntity.USER,
      entityId: byEmail.id,
      after: { externalId: subject, by: 'email' },
    });
    return { ...byEmail, external_id: subject };
  }

  /** What the no-access page shows, by the reference the sign-in handed the browser. */
  async noAccess(ref: string): Promise<NoAccessDto> {
    const raw = await this.redis.get(this.key('no-access', ref));
    if (!raw) throw DomainError.notFound('Sign-in', ref.slice(0, 40));
    const info = JSON.parse(raw) as { outcome: 'no-access' | 'inactive'; regionCode: string; name: string };
    const settings = await this.providers.forRegion(info.regionCode);
    if (!settings) throw DomainError.notFound('Sign-in', ref.slice(0, 40));
    return {
      outcome: info.outcome,
      region: { code: settings.regionCode, name: settings.regionName },
      label: settings.label,
      name: info.name,
      administrators: await administratorsOf(this.dataSource, settings.regionId),
    };
  }

  /**
   * Where the browser goes to end the provider's session as well (RP-initiated logout), for a
   * session opened through a provider that offers it; null otherwise.
   */
  async providerLogoutUrl(regionId: string, idToken: string | null): Promise<string | null> {
    const settings = (await this.providers.all()).find((p) => p.regionId === regionId);
    if (!settings) return null;
    try {
      const client = await this.providers.client(settings);
      if (!client.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(client, {
        client_id: settings.clientId,
        post_logout_redirect_uri: `${this.config.http.publicUrl}/login`,
        // the provider then knows whose session to end, and may end it without asking
        ...(idToken && { id_token_hint: idToken }),
      }).href;
    } catch (error) {
      this.logger.warn(`no provider logout for region ${settings.regionCode}: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * The provider ends sessions (OpenID Connect Back-Channel Logout 1.0): a signed logout token
   * names the provider's session (`sid`) or the subject (`sub`); each is used once.
   */
  async backchannelLogout(regionCode: string, logoutToken: unknown, requestId: string): Promise<void> {
    const settings = await this.providers.forRegion(regionCode);
    if (!settings) {
      throw new DomainError(ErrorCode.SSO_NOT_CONFIGURED, `No provider for the region ${regionCode}`, {
        params: { region: regionCode },
      });
    }
    const client = await this.providers.client(settings);
    const token = await verifyLogoutToken(client.serverMetadata(), settings.clientId, logoutToken);
    const fresh = await this.redis.set(this.key('logout-jti', token.jti), '1', 'EX', ATTEMPT_SECONDS, 'NX');
    if (fresh === null) throw invalidLogoutToken('its jti was used before (a replay)');
    await this.dataSource.transaction(async (manager) => {
      const ended = await deleteProviderSessions(manager, settings.regionId, {
        sid: token.sid,
        sub: token.sub,
      });
      const users = new Map(ended.map((e) => [e.user_id, e.name]));
      for (const [userId, name] of users) {
        await this.audit.record(
          manager,
          { regionId: settings.regionId, userId, name, requestId },
          {
            action: 'auth.logout',
            entityType: AuditEntity.USER,
            entityId: userId,
            after: {
              method: 'oidc',
              by: 'back-channel',
              sessions: ended.filter((e) => e.user_id === userId).length,
            },
          },
        );
      }
    });
  }

  private async noAccessRef(info: {
    outcome: SsoOutcome;
    regionCode: string;
    name: string;
  }): Promise<string> {
    const ref = randomBytes(18).toString('base64url');
    await this.redis.set(this.key('no-access', ref), JSON.stringify(info), 'EX', ATTEMPT_SECONDS);
    return ref;
  }

  /** Why the exchange failed, in the words the login page has; the detail goes to the log. */
  private outcomeOf(error: unknown, settings: ProviderSettings): SsoOutcome {
    this.logger.warn(
      `sign-in through the provider of region ${settings.regionCode} failed: ${failureDetail(error)}`,
    );
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    const network =
      error instanceof TypeError ||
      (error instanceof Error && /fetch failed|timed? ?out|ECONNREFUSED|aborted/i.test(error.message)) ||
      (cause?.code !== undefined && /^(ECONN|ENOTFOUND|ETIMEDOUT|UND_ERR)/.test(cause.code));
    return network ? SsoOutcome.UNAVAILABLE : SsoOutcome.FAILED;
  }

  private key(kind: string, id: string): string {
    return `${this.config.redis.queuePrefix}:oidc:${kind}:${id}`;
  }
}

/**
 * What the log says of a failed exchange, for the region's IT: the library's words, the OAuth
 * error and its description when the provider gave them, and the underlying cause.
 */
export function failureDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [`${error.name}: ${error.message}`];
  const oauth = error as Error & { error?: unknown; error_description?: unknown; code?: unknown };
  if (typeof oauth.error === 'string') parts.push(`error=${oauth.error}`);
  if (typeof oauth.error_description === 'string') parts.push(`error_description=${oauth.error_description}`);
  if (typeof oauth.code === 'string') parts.push(`code=${oauth.code}`);
  const cause = error.cause;
  if (cause instanceof Error) parts.push(`cause: ${cause.message}`);
  else if (cause && typeof cause === 'object') {
    const c = cause as { error?: unknown; error_description?: unknown };
    if (typeof c.error === 'string') parts.push(`error=${c.error}`);
    if (typeof c.error_description === 'string') parts.push(`error_description=${c.error_description}`);
  }
  return parts.join('; ').slice(0, 1000);
}

function claimText(claims: oidc.IDToken, name: string): string | null {
  const value = claims[name];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : null;
}

/**
 * The e-mail address the provider vouches for, as the provider's `emailLink` setting says:
 * `verified` needs `email_verified: true` (or Entra ID's `xms_edov`), `trusted` takes any address
 * not marked unverified (a provider whose every account is the region's own), `off` none.
 */
export function trustedEmail(
  settings: Pick<ProviderSettings, 'emailLink'>,
  claims: oidc.IDToken,
): string | null {
  const email = claimText(claims, 'email');
  if (!email || settings.emailLink === 'off') return null;
  if (settings.emailLink === 'trusted') return claims['email_verified'] === false ? null : email;
  return claims['email_verified'] === true || claims['xms_edov'] === true ? email : null;
}

function displayName(claims: oidc.IDToken): string {
  const given = claimText(claims, 'given_name');
  const family = claimText(claims, 'family_name');
  return (
    claimText(claims, 'name') ??
    ([given, family].filter(Boolean).join(' ') || null) ??
    claimText(claims, 'email') ??
    claims.sub.slice(0, 200)
  );
}

/**
 * Roles the provider's groups propose (`group_roles`: group → `ROLE`, `AREA_CHIEF:<area id>` or
 * `UNIT_MANAGER:<unit id>`); only a proposal for the administrator, never a grant.
 */
export function proposedRoles(settings: ProviderSettings, claims: oidc.IDToken): RoleGrantInput[] {
  if (!settings.groupsClaim) return [];
  const groups = claims[settings.groupsClaim];
  if (!Array.isArray(groups)) return [];
  const proposals = new Map<string, RoleGrantInput>();
  for (const group of groups) {
    if (typeof group !== 'string') continue;
    const mapped = settings.groupRoles[group];
    if (!mapped) continue;
    const [role, scope] = mapped.split(':') as [Role, string | undefined];
    if (!ROLES.includes(role)) continue;
    const grant: RoleGrantInput =
      role === 'UNIT_MANAGER'
        ? { role, unitId: scope }
        : role === 'AREA_CHIEF'
          ? { role, areaId: scope }
          : { role };
    if ((role === 'UNIT_MANAGER' || role === 'AREA_CHIEF') && !scope) continue;
    proposals.set(mapped, grant);
  }
  return [...proposals.values()];
}
