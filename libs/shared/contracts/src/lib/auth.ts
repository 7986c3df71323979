/** Roles a user can hold; a user may hold several, each with its own scope. */
export const Role = {
  UNIT_MANAGER: 'UNIT_MANAGER',
  AREA_CHIEF: 'AREA_CHIEF',
  HEALTHCARE_DIRECTOR: 'HEALTHCARE_DIRECTOR',
  PURCHASER: 'PURCHASER',
  STEERING_GROUP: 'STEERING_GROUP',
  ADMINISTRATOR: 'ADMINISTRATOR',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

/** What a role assignment covers: some units, one area, or the whole region. */
export type ScopeKind = 'UNIT' | 'AREA' | 'REGION';
export const SCOPE_OF_ROLE: Record<Role, ScopeKind> = {
  UNIT_MANAGER: 'UNIT',
  AREA_CHIEF: 'AREA',
  HEALTHCARE_DIRECTOR: 'REGION',
  PURCHASER: 'REGION',
  STEERING_GROUP: 'REGION',
  ADMINISTRATOR: 'REGION',
};

export const Permission = {
  ORG_READ: 'org:read',
  ORG_MANAGE: 'org:manage',
  USER_MANAGE: 'user:manage',
  POLICY_READ: 'policy:read',
  POLICY_MANAGE: 'policy:manage',
  AGREEMENT_READ: 'agreement:read',
  AGREEMENT_MANAGE: 'agreement:manage',
  FORMER_EMPLOYEE_MANAGE: 'former-employee:manage',
  ORDER_READ: 'order:read',
  ORDER_WRITE: 'order:write',
  ORDER_PROCURE: 'order:procure',
  DISPENSATION_READ: 'dispensation:read',
  DISPENSATION_DECIDE: 'dispensation:decide',
  AUDIT_READ: 'audit:read',
  IMPORT_MANAGE: 'import:manage',
  METRICS_READ: 'metrics:read',
  BOARD_COMMENT_WRITE: 'board-comment:write',
  OPERATIONS_READ: 'operations:read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
export const PERMISSIONS: readonly Permission[] = Object.values(Permission);

const P = Permission;

/**
 * What each role may do, within its scope. Ordering and requesting dispensations belongs to
 * unit managers for their units; deciding to area chiefs (their area) and the health-care
 * director (second step, region); procurement and agreement data to the purchaser.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  UNIT_MANAGER: [
    P.ORG_READ,
    P.AGREEMENT_READ,
    P.ORDER_READ,
    P.ORDER_WRITE,
    P.DISPENSATION_READ,
    P.METRICS_READ,
  ],
  AREA_CHIEF: [
    P.ORG_READ,
    P.AGREEMENT_READ,
    P.ORDER_READ,
    P.DISPENSATION_READ,
    P.DISPENSATION_DECIDE,
    P.POLICY_READ,
    P.METRICS_READ,
  ],
  HEALTHCARE_DIRECTOR: [
    P.ORG_READ,
    P.AGREEMENT_READ,
    P.ORDER_READ,
    P.DISPENSATION_READ,
    P.DISPENSATION_DECIDE,
    P.POLICY_READ,
    P.AUDIT_READ,
    P.METRICS_READ,
  ],
  PURCHASER: [
    P.ORG_READ,
    P.AGREEMENT_READ,
    P.AGREEMENT_MANAGE,
    P.FORMER_EMPLOYEE_MANAGE,
    P.ORDER_READ,
    P.ORDER_PROCURE,
    P.DISPENSATION_READ,
    P.POLICY_READ,
    P.IMPORT_MANAGE,
    P.METRICS_READ,
  ],
  STEERING_GROUP: [
    P.ORG_READ,
    P.AGREEMENT_READ,
    P.ORDER_READ,
    P.DISPENSATION_READ,
    P.POLICY_READ,
    P.METRICS_READ,
    P.BOARD_COMMENT_WRITE,
  ],
  ADMINISTRATOR: [
    P.ORG_READ,
    P.ORG_MANAGE,
    P.USER_MANAGE,
    P.POLICY_READ,
    P.POLICY_MANAGE,
    P.AGREEMENT_READ,
    P.AUDIT_READ,
    P.OPERATIONS_READ,
  ],
};

export interface RoleAssignmentDto {
  role: Role;
  /** Set for unit managers: the unit the assignment covers. */
  unit?: { id: string; name: string; costCentre: string };
  /** Set for area chiefs: the area the assignment covers. */
  area?: { id: string; code: string; name: string };
}

export interface MeDto {
  id: string;
  name: string;
  email: string;
  /** The user's language: the interface's after login on any browser, and the e-mails'. */
  locale: 'sv' | 'en';
  region: { code: string; name: string };
  roles: RoleAssignmentDto[];
  permissions: Permission[];
  /** Send back as the `x-csrf-token` header on every POST, PUT, PATCH and DELETE. */
  csrfToken: string;
}

/** `PUT /api/auth/me/locale`: the logged-in user's own language. */
export interface LocaleRequest {
  locale: 'sv' | 'en';
}

export interface LoginRequest {
  email: string;
  password: string;
}

export const SESSION_COOKIE = 'hyrkoll_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface RoleGrantInput {
  role: Role;
  unitId?: string;
  areaId?: string;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  locale: 'sv' | 'en';
  active: boolean;
  roles: RoleAssignmentDto[];
  /** Roles granted but waiting for a second administrator's approval (not yet in effect). */
  pendingRoles: RoleAssignmentDto[];
  /** False until the user has chosen a password through their one-time link. */
  passwordSet: boolean;
  /**
   * The identity at the region's provider this user signs in as (the configured claim's value,
   * e.g. an HSA-id), or null: then a provider that identifies by e-mail links on the first
   * sign-in (decision 024).
   */
  externalId: string | null;
  version: number;
}

/**
 * A new user chooses their own password through a one-time link sent by e-mail; an
 * administrator never sets one.
 */
export interface CreateUserRequest {
  email: string;
  name: string;
  locale?: 'sv' | 'en';
  roles: RoleGrantInput[];
  /** The identity at the region's provider; set only here, never changed afterwards by an administrator. */
  externalId?: string;
  /** The access request this user is created from: it is resolved, and its identity linked. */
  accessRequestId?: string;
}

export interface UpdateUserRequest {
  /** The version the change is based on; a stale version is refused with 409. */
  version: number;
  name?: string;
  locale?: 'sv' | 'en';
  active?: boolean;
  roles?: RoleGrantInput[];
  /** Only null: removes the link to the provider's identity (a link is never set here). */
  externalId?: null;
}

/** Hours a one-time password-setup link lasts. */
export const PASSWORD_SETUP_HOURS = 72;
/** The shortest password a user may choose. */
export const MIN_PASSWORD_LENGTH = 10;
/** The longest password a user may choose. */
export const MAX_PASSWORD_LENGTH = 200;

/** `POST /api/users/:id/password-setup`: when the link sent to the user stops working. */
export interface PasswordSetupIssuedDto {
  expiresAt: string;
}

/** `POST /api/password-setup/check`: whose link it is, for the page that uses it. */
export interface PasswordSetupCheckRequest {
  token: string;
}

export interface PasswordSetupInfoDto {
  name: string;
  email: string;
  expiresAt: string;
}

/** `POST /api/password-setup`: the user's own new password, with the link's token. */
export interface PasswordSetupRequest {
  token: string;
  password: string;
}

/**
 * Roles that give decision power over dispensations, or over who holds it: granting one takes
 * effect only when a second administrator approves (decision 020).
 */
export const ROLES_NEEDING_APPROVAL: readonly Role[] = ['AREA_CHIEF', 'HEALTHCARE_DIRECTOR', 'ADMINISTRATOR'];

/** Days a grant waits for its approval before it expires. */
export const GRANT_REQUEST_DAYS = 7;

export type GrantRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

/** A grant of a role that waits for a second administrator (`GET /api/grant-requests`). */
export interface GrantRequestDto extends RoleAssignmentDto {
  id: string;
  user: { id: string; name: string; email: string };
  requestedBy: { id: string; name: string };
  requestedAt: string;
  expiresAt: string;
  /** PENDING, or EXPIRED when its time ran out undecided. */
  status: GrantRequestStatus;
}
