import type { RoleGrantInput } from '@hyrkoll/contracts';
import { Role, ROLES } from '@hyrkoll/contracts';
import type * as oidc from 'openid-client';

import type { ProviderSettings } from './identity-providers';

/** What Hyrkoll reads from a provider's ID token and errors: names, e-mail, proposed roles, log detail. */

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

export function claimText(claims: oidc.IDToken, name: string): string | null {
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

export function displayName(claims: oidc.IDToken): string {
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
