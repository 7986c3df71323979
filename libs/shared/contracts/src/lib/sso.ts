import type { RoleGrantInput } from './auth';

/**
 * Single sign-on with the region's own identity provider (OpenID Connect, decision 024).
 * The login page asks `GET /api/auth/methods` which ways in the deployment offers.
 */
export interface LoginMethodsDto {
  /** Whether e-mail and password work here (off in production once a provider is configured). */
  password: boolean;
  /** One entry per region that signs its staff in through its identity provider. */
  providers: LoginProviderDto[];
}

export interface LoginProviderDto {
  region: { code: string; name: string };
  /** The region's own name for its sign-in, shown as "Logga in med <label>". */
  label: string;
  /** Where the browser goes to start the sign-in (`?returnUrl=/path` may be added). */
  loginUrl: string;
}

/** Why a sign-in through the identity provider ended without a session (`/login?sso=<code>`). */
export const SsoOutcome = {
  /** The identity is not linked to any user of the region: a request for access is recorded. */
  NO_ACCESS: 'no-access',
  /** The identity's user is deactivated. */
  INACTIVE: 'inactive',
  /** The answer did not belong to a sign-in started here (state), or it came too late. */
  STALE: 'stale',
  /** The person cancelled at the provider. */
  CANCELLED: 'cancelled',
  /** The provider refused or its answer did not verify (code, nonce, signature, issuer). */
  FAILED: 'failed',
  /** The provider could not be reached. */
  UNAVAILABLE: 'unavailable',
} as const;
export type SsoOutcome = (typeof SsoOutcome)[keyof typeof SsoOutcome];

/**
 * `GET /api/auth/no-access?ref=…` (public, valid a short while after the sign-in): what the page
 * for an identity without access shows, and whom to ask.
 */
export interface NoAccessDto {
  outcome: 'no-access' | 'inactive';
  region: { code: string; name: string };
  /** The name the provider gave, so the person sees who they signed in as. */
  name: string;
  /** The provider's label ("Logga in med <label>"), so the page can say who knows the person. */
  label?: string;
  /** The region's administrators, who grant access. */
  administrators: { name: string; email: string }[];
}

/** `POST /api/auth/logout`: where the browser goes next to end the provider's session too. */
export interface LogoutDto {
  /** The provider's end-session address (RP-initiated logout), or null for a password session. */
  providerLogoutUrl: string | null;
}

export type AccessRequestStatus = 'PENDING' | 'DISMISSED' | 'RESOLVED';

/**
 * An identity that signed in through the region's provider without being linked to a user
 * (`GET /api/access-requests`, user:manage). An administrator creates its user or dismisses it.
 */
export interface AccessRequestDto {
  id: string;
  /** The identity's value of the provider's configured claim (e.g. an HSA-id or `sub`). */
  subject: string;
  name: string;
  email: string | null;
  /** Roles proposed by the provider's groups mapping; granting them follows the usual rules. */
  proposedRoles: RoleGrantInput[];
  firstSeenAt: string;
  lastSeenAt: string;
  attempts: number;
  status: AccessRequestStatus;
}
