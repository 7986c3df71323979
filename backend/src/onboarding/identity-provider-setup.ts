import { AuditEntity, Role, ROLES } from '@hyrkoll/contracts';
import type { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../common/auth/auth-user';
import type { AppConfig } from '../config/app-config';
import { AuditService } from '../modules/audit/audit.service';
import { OnboardingInputError } from './region-onboarding';

/** What `cli.js sso:configure` is given (decision 024). */
export interface ProviderInput {
  county?: string;
  label?: string;
  issuer?: string;
  clientId?: string;
  secretEnv?: string;
  secretFile?: string;
  privateKeyFile?: string;
  clientAuth?: string;
  scopes?: string;
  userClaim?: string;
  groupsClaim?: string;
  groupRoles?: string;
  emailLink?: string;
}

const CLAIM = /^[A-Za-z0-9_:./-]{1,100}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Keeps a region's identity provider (`identity_providers`): the operator configures it on the
 * command line, with a reference to the secret (an environment variable or a file), never the
 * secret itself. Each change is recorded in the region's audit trail.
 */
export class IdentityProviderSetup {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async configure(input: ProviderInput): Promise<string> {
    const row = checked(input);
    return this.dataSource.transaction(async (m) => {
      const region = await regionOf(m, row.county);
      const [before] = await m.query<unknown[]>('SELECT * FROM identity_providers WHERE region_id = $1', [
        region.id,
      ]);
      await m.query(
        `INSERT INTO identity_providers
           (region_id, label, issuer, client_id, client_auth, secret_ref, scopes, user_claim, groups_claim, group_roles, email_link)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
         ON CONFLICT (region_id) DO UPDATE SET
           label = EXCLUDED.label, issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
           client_auth = EXCLUDED.client_auth, secret_ref = EXCLUDED.secret_ref, scopes = EXCLUDED.scopes,
           user_claim = EXCLUDED.user_claim, groups_claim = EXCLUDED.groups_claim,
           group_roles = EXCLUDED.group_roles, email_link = EXCLUDED.email_link, updated_at = now()`,
        [
          region.id,
          row.label,
          row.issuer,
          row.clientId,
          row.clientAuth,
          row.secretRef,
          row.scopes,
          row.userClaim,
          row.groupsClaim,
          JSON.stringify(row.groupRoles),
          row.emailLink,
        ],
      );
      await this.record(
        m,
        region.id,
        before ? 'identity-provider.update' : 'identity-provider.create',
        before,
        row,
      );
      const redirect = `${this.config.http.publicUrl}/api/auth/oidc/callback`;
      return [
        `${region.name} signs in through ${row.issuer} ("Logga in med ${row.label}")`,
        `register at the provider: redirect URI ${redirect}`,
        `post-logout redirect URI ${this.config.http.publicUrl}/login`,
        `back-channel logout URI ${this.config.http.publicUrl}/api/auth/oidc/${region.code}/backchannel-logout`,
      ].join('\n  ');
    });
  }

  async remove(county: string | undefined): Promise<string> {
    if (!county || !/^\d{2}$/.test(county))
      throw new OnboardingInputError('--county must be a two-digit code');
    return this.dataSource.transaction(async (m) => {
      const region = await regionOf(m, county);
      const [before] = await m.query<unknown[]>(
        'DELETE FROM identity_providers WHERE region_id = $1 RETURNING *',
        [region.id],
      );
      if (!before) throw new OnboardingInputError(`${region.name} has no identity provider stored`);
      await this.record(m, region.id, 'identity-provider.remove', before, null);
      return `${region.name} no longer signs in through ${(before as { issuer: string }).issuer}`;
    });
  }

  private async record(m: EntityManager, regionId: string, action: string, before: unknown, after: unknown) {
    const actor: Actor = { regionId, userId: null, name: 'operator (cli)', requestId: null };
    await new AuditService(this.dataSource, this.config).record(m, actor, {
      action,
      entityType: AuditEntity.IDENTITY_PROVIDER,
      entityId: regionId,
      before,
      after,
    });
  }
}

async function regionOf(
  m: EntityManager,
  county: string,
): Promise<{ id: string; code: string; name: string }> {
  const [region] = await m.query<{ id: string; code: string; name: string }[]>(
    'SELECT id, code, name FROM regions WHERE code = $1',
    [county],
  );
  if (!region) throw new OnboardingInputError(`no region with the county code ${county}`);
  return region;
}

/** The input as the table stores it; every problem is named by its option. */
function checked(input: ProviderInput) {
  const problems: string[] = [];
  const county = input.county ?? '';
  if (!/^\d{2}$/.test(county)) problems.push('--county must be a two-digit code, e.g. 24');
  const label = (input.label ?? '').trim();
  if (label.length < 1 || label.length > 80) problems.push('--label: 1 to 80 characters, e.g. "SITHS-kort"');
  const issuer = input.issuer ?? '';
  let url: URL | null = null;
  try {
    url = new URL(issuer);
  } catch {
    problems.push(
      "--issuer must be the provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0",
    );
  }
  if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    problems.push('--issuer must use https (http only on loopback)');
  }
  const clientId = input.clientId ?? '';
  if (!/^\S{1,400}$/.test(clientId)) problems.push('--client-id is required, without spaces');
  const secrets = [input.secretEnv, input.secretFile, input.privateKeyFile].filter((s) => s !== undefined);
  if (secrets.length !== 1) {
    problems.push('give exactly one of --secret-env NAME, --secret-file PATH and --private-key-file PATH');
  }
  if (input.secretEnv !== undefined && !/^[A-Z_][A-Z0-9_]*$/.test(input.secretEnv)) {
    problems.push('--secret-env must name an environment variable, e.g. OIDC_SECRET_24');
  }
  for (const [option, path] of [
    ['--secret-file', input.secretFile],
    ['--private-key-file', input.privateKeyFile],
  ] as const) {
    if (path !== undefined && !path.startsWith('/')) problems.push(`${option} must be an absolute path`);
  }
  const clientAuth = input.privateKeyFile ? 'private_key_jwt' : (input.clientAuth ?? 'client_secret_basic');
  if (!['client_secret_basic', 'client_secret_post', 'private_key_jwt'].includes(clientAuth)) {
    problems.push('--client-auth must be client_secret_basic or client_secret_post');
  }
  const scopes = (input.scopes ?? 'openid profile email').trim().replace(/\s+/g, ' ');
  if (!scopes.split(' ').includes('openid')) problems.push('--scopes must include openid');
  const userClaim = input.userClaim ?? 'sub';
  if (!CLAIM.test(userClaim)) problems.push('--user-claim must be a claim name such as sub, email or hsa_id');
  const groupsClaim = input.groupsClaim ?? null;
  if (groupsClaim !== null && !CLAIM.test(groupsClaim)) problems.push('--groups-claim must be a claim name');
  const groupRoles = groupRolesOf(input.groupRoles, problems);
  if (Object.keys(groupRoles).length > 0 && groupsClaim === null) {
    problems.push('--group-roles needs --groups-claim');
  }
  const emailLink = input.emailLink ?? 'verified';
  if (!['verified', 'trusted', 'off'].includes(emailLink)) {
    problems.push('--email-link must be verified, trusted or off');
  } else if (userClaim === 'email' && emailLink === 'off') {
    problems.push('--user-claim email needs --email-link verified or trusted');
  }
  if (problems.length > 0) throw new OnboardingInputError(problems.join('\n'));
  const secretRef =
    input.secretEnv !== undefined
      ? `env:${input.secretEnv}`
      : `file:${input.secretFile ?? input.privateKeyFile}`;
  return {
    county,
    label,
    issuer,
    clientId,
    clientAuth,
    secretRef,
    scopes,
    userClaim,
    groupsClaim,
    groupRoles,
    emailLink,
  };
}

/** `{"<group>":"PURCHASER","<group>":"AREA_CHIEF:<area id>"}`: what a group proposes. */
function groupRolesOf(raw: string | undefined, problems: string[]): Record<string, string> {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    problems.push('--group-roles must be a JSON object, e.g. {"<group id>":"PURCHASER"}');
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('--group-roles must be a JSON object');
    return {};
  }
  for (const [group, mapped] of Object.entries(value)) {
    const [role, scope] = typeof mapped === 'string' ? mapped.split(':') : [];
    const scoped = role === 'UNIT_MANAGER' || role === 'AREA_CHIEF';
    if (!ROLES.includes(role as Role) || scoped !== Boolean(scope)) {
      problems.push(
        `--group-roles: ${JSON.stringify(group)} must map to a role (${ROLES.join(', ')}), UNIT_MANAGER:<unit id> or AREA_CHIEF:<area id>`,
      );
    }
  }
  return value as Record<string, string>;
}
