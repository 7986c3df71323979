import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { ErrorCode } from '@hyrkoll/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { importPKCS8 } from 'jose';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';

import { DomainError } from '../../../common/errors/domain-error';
import { AppConfig, EnvProvider } from '../../../config/app-config';
import { regionByCode, storedProviders } from './sso.queries';

/** A region's identity provider: from the environment or its row in `identity_providers`. */
export interface ProviderSettings extends EnvProvider {
  regionId: string;
  regionName: string;
}

/** How long discovered metadata is kept before it is fetched again. */
const METADATA_TTL_MS = 10 * 60_000;
/** How long a request to the provider may take. */
const PROVIDER_TIMEOUT_SECONDS = 10;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A provider configured wrongly (a missing secret, an insecure issuer): an operator must act. */
export class ProviderConfigError extends Error {}

/**
 * The regions' identity providers (decision 024) and a client for each: `openid-client`
 * discovers the provider's metadata and keys, checks the answers, and refetches the keys when a
 * token names one it does not know (key rotation).
 */
@Injectable()
export class IdentityProviders {
  private readonly logger = new Logger(IdentityProviders.name);
  private readonly clients = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Every configured provider, the environment's first (it wins over a row of the same region). */
  async all(): Promise<ProviderSettings[]> {
    const stored = await storedProviders(this.dataSource);
    const env = this.config.login.oidc;
    if (!env) return stored;
    const region = await regionByCode(this.dataSource, env.regionCode);
    if (!region) {
      this.logger.warn(`OIDC_REGION ${env.regionCode} names no region: its provider is not offered`);
      return stored;
    }
    const fromEnv = { ...env, regionId: region.id, regionName: region.name };
    return [fromEnv, ...stored.filter((p) => p.regionCode !== env.regionCode)];
  }

  async forRegion(regionCode: string): Promise<ProviderSettings | undefined> {
    return (await this.all()).find((p) => p.regionCode === regionCode);
  }

  /** The region's provider, or 404 `SSO_NOT_CONFIGURED`. */
  async required(regionCode: string): Promise<ProviderSettings> {
    const settings = await this.forRegion(regionCode);
    if (!settings) {
      throw new DomainError(
        ErrorCode.SSO_NOT_CONFIGURED,
        `No region with the code ${regionCode} signs in through an identity provider`,
        { params: { region: regionCode } },
      );
    }
    return settings;
  }

  /** A client of the provider, its metadata discovered at most every ten minutes. */
  client(settings: ProviderSettings): Promise<oidc.Configuration> {
    const key = `${settings.regionCode} ${settings.issuer} ${settings.clientId}`;
    const cached = this.clients.get(key);
    if (cached && Date.now() - cached.at < METADATA_TTL_MS) return cached.config;
    const config = this.discover(settings);
    this.clients.set(key, { at: Date.now(), config });
    // a failed discovery is not kept: the next sign-in tries again
    config.catch(() => this.clients.delete(key));
    return config;
  }

  private async discover(settings: ProviderSettings): Promise<oidc.Configuration> {
    const issuer = new URL(settings.issuer);
    const insecure = issuer.protocol === 'http:';
    if (insecure && !LOOPBACK.has(issuer.hostname)) {
      throw new ProviderConfigError(`the issuer ${settings.issuer} must use https (http only on loopback)`);
    }
    const auth = await this.clientAuth(settings);
    this.logger.log(`discovering the identity provider of region ${settings.regionCode}: ${settings.issuer}`);
    return oidc.discovery(issuer, settings.clientId, undefined, auth, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      execute: insecure ? [oidc.allowInsecureRequests] : [],
    });
  }

  private async clientAuth(settings: ProviderSettings): Promise<oidc.ClientAuth> {
    const secret = settings.secret.value ?? readSecret(settings.secret.ref);
    switch (settings.secret.kind) {
      case 'client_secret_basic':
        return oidc.ClientSecretBasic(secret);
      case 'client_secret_post':
        return oidc.ClientSecretPost(secret);
      case 'private_key_jwt': {
        const type = createPrivateKey(secret).asymmetricKeyType;
        const key = await importPKCS8(secret, type === 'ec' ? 'ES256' : 'RS256');
        return oidc.PrivateKeyJwt(key);
      }
    }
  }
}

/** A secret named by reference: `env:NAME` (an environment variable) or `file:/path`. */
export function readSecret(ref: string): string {
  if (ref.startsWith('env:')) {
    const value = process.env[ref.slice(4)];
    if (!value) throw new ProviderConfigError(`the secret's variable ${ref.slice(4)} is not set`);
    return value;
  }
  if (ref.startsWith('file:')) {
    try {
      return readFileSync(ref.slice(5), 'utf8').trim();
    } catch (error) {
      throw new ProviderConfigError(
        `the secret's file ${ref.slice(5)} cannot be read: ${(error as Error).message}`,
      );
    }
  }
  throw new ProviderConfigError(
    `a secret reference must be env:NAME or file:/path (got ${ref.slice(0, 20)})`,
  );
}
