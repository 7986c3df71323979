import { randomBytes } from 'node:crypto';

import { AuditEntity, LoginMethodsDto, NoAccessDto, SsoOutcome } from '@hyrkoll/contracts';
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
import { claimText, displayName, failureDetail, proposedRoles, trustedEmail } from './identity-claims';
import { IdentityProviders, ProviderSettings } from './identity-providers';
import { callbackUrl, safeReturnUrl } from './sign-in-address';
import {
  administratorsOf,
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
    const settings = await this.providers.required(regionCode);
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
