import {
  AuditEntity,
  ErrorCode,
  FieldError,
  FieldErrorCode,
  PasswordSetupIssuedDto,
  RoleAssignmentDto,
  RoleGrantInput,
  SCOPE_OF_ROLE,
  UserDto,
} from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { passwordsAllowed } from '../../common/auth/password-policy';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '../../database/pg-errors';
import { AuditService } from '../audit/audit.service';
import { AccessRequestsService } from './access-requests.service';
import type { CreateUserBody, UpdateUserBody } from './dto/user.dto';
import { GrantRequestsService, needsApproval } from './grant-requests.service';
import { PasswordSetupService } from './password-setup.service';
import {
  deleteSessionsOf,
  existsInRegion,
  hasActiveAdministrator,
  insertUser,
  lockAdministrators,
  replaceRoles,
  updateUser,
  userOfRegion,
  usersOfRegion,
} from './users.queries';

/**
 * Users and their roles, kept by the region's administrators. Every change is audited. Nobody
 * changes their own roles, and no administrator sets a password: a user chooses their own through
 * a one-time link (decision 020).
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly setups: PasswordSetupService,
    private readonly grants: GrantRequestsService,
    private readonly accessRequests: AccessRequestsService,
    private readonly config: AppConfig,
  ) {}

  async list(regionId: string): Promise<UserDto[]> {
    return usersOfRegion(this.dataSource, regionId);
  }

  /**
   * A new user, without a password: the link to choose one is mailed to them. Created from an
   * access request, the user is linked to the identity that asked (decision 024).
   */
  async create(actor: Actor, body: CreateUserBody): Promise<UserDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.checkRoles(manager, actor.regionId, body.roles);
        const externalId = body.accessRequestId
          ? await this.accessRequests.resolve(manager, actor, body.accessRequestId, body.externalId)
          : (body.externalId ?? null);
        const id = await insertUser(manager, {
          regionId: actor.regionId,
          email: body.email.trim().toLowerCase(),
          name: body.name.trim(),
          locale: body.locale ?? 'sv',
          externalId,
        });
        await this.assign(manager, actor, id, [], body.roles);
        const created = await this.load(manager, actor.regionId, id);
        await this.audit.record(manager, actor, {
          action: 'user.create',
          entityType: AuditEntity.USER,
          entityId: id,
          after: created,
        });
        // a region that signs in through its provider has no passwords to choose
        if (await passwordsAllowed(this.config, manager, actor.regionId)) {
          await this.setups.issue(manager, actor, created);
        }
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new DomainError(
          ErrorCode.DUPLICATE_EMAIL,
          `A user with the e-mail address ${body.email} already exists`,
          { fields: [{ field: 'email', code: FieldErrorCode.DUPLICATE, message: 'already in use' }] },
        );
      }
      if (isUniqueViolation(error, 'users_region_external_id_key')) {
        throw duplicateExternalId(body.externalId ?? '');
      }
      throw error;
    }
  }

  async update(actor: Actor, id: string, body: UpdateUserBody): Promise<UserDto> {
    if (body.roles !== undefined && id === actor.userId) {
      throw new DomainError(
        ErrorCode.OWN_ROLES_UNCHANGEABLE,
        'Nobody changes their own roles: another administrator must do it',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const mayDropAdministrator = body.active === false || body.roles !== undefined;
      if (mayDropAdministrator) {
        await lockAdministrators(manager, actor.regionId);
      }
      const before = await this.load(manager, actor.regionId, id);
      if (body.roles) await this.checkRoles(manager, actor.regionId, body.roles);
      const affected = await updateUser(
        manager,
        { regionId: actor.regionId, id, version: body.version },
        {
          name: body.name?.trim() ?? null,
          locale: body.locale ?? null,
          active: body.active ?? null,
          unlink: body.externalId === null,
        },
      );
      if (affected === 0) {
        throw DomainError.stale(
          'user',
          `The user was changed by someone else: version is now ${before.version}, not ${body.version}`,
          { version: before.version },
        );
      }
      if (body.roles) await this.assign(manager, actor, id, before.roles, body.roles);
      if (mayDropAdministrator) await this.keepAnAdministrator(manager, actor.regionId, body);
      if (body.active === false) await deleteSessionsOf(manager, id);
      // without its link the identity no longer names this user: its sessions end with it
      else if (body.externalId === null) await deleteSessionsOf(manager, id, 'oidc');
      const after = await this.load(manager, actor.regionId, id);
      await this.audit.record(manager, actor, {
        action: 'user.update',
        entityType: AuditEntity.USER,
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * Gives the user `wanted` as their roles: what they held and what needs no approval at once,
   * a new deciding or administrator role as a request for a second administrator.
   */
  private async assign(
    manager: EntityManager,
    actor: Actor,
    userId: string,
    held: RoleAssignmentDto[],
    wanted: RoleGrantInput[],
  ): Promise<void> {
    const heldKeys = new Set(
      held.map((r) => grantKey({ role: r.role, unitId: r.unit?.id, areaId: r.area?.id })),
    );
    const now = wanted.filter((g) => !needsApproval(g.role) || heldKeys.has(grantKey(g)));
    await replaceRoles(manager, actor.regionId, userId, now);
    // the list replaces every role: a waiting grant left out of it is withdrawn
    await this.grants.withdrawLeftOut(manager, actor, userId, wanted);
    await this.grants.request(
      manager,
      actor,
      userId,
      wanted.filter((g) => !now.includes(g)),
    );
  }

  /** Mails the user a new one-time link to choose their password; the administrator never sees it. */
  async sendPasswordLink(actor: Actor, id: string): Promise<PasswordSetupIssuedDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.load(manager, actor.regionId, id);
      if (!(await passwordsAllowed(this.config, manager, actor.regionId))) {
        throw new DomainError(
          ErrorCode.PASSWORD_LOGIN_OFF,
          'The region signs in through its identity provider: its users have no passwords',
        );
      }
      const { expiresAt } = await this.setups.issue(manager, actor, user);
      return { expiresAt: expiresAt.toISOString() };
    });
  }

  /** A region keeps at least one active administrator, or nobody could manage it any more. */
  private async keepAnAdministrator(
    manager: EntityManager,
    regionId: string,
    body: UpdateUserBody,
  ): Promise<void> {
    if (!(await hasActiveAdministrator(manager, regionId))) {
      throw new DomainError(
        ErrorCode.LAST_ADMINISTRATOR,
        'The region must keep at least one active administrator',
        {
          fields: [
            {
              field: body.active === false ? 'active' : 'roles',
              code: FieldErrorCode.LAST_ADMINISTRATOR,
              message: 'would leave the region without an active administrator',
            },
          ],
        },
      );
    }
  }

  private async load(manager: EntityManager, regionId: string, id: string): Promise<UserDto> {
    const user = await userOfRegion(manager, regionId, id);
    if (!user) throw DomainError.notFound('User', id);
    return user;
  }

  /** Each role needs exactly its kind of scope, inside the region. */
  private async checkRoles(manager: EntityManager, regionId: string, roles: RoleGrantInput[]): Promise<void> {
    const problems: FieldError[] = [];
    for (const [i, grant] of roles.entries()) {
      const scope = SCOPE_OF_ROLE[grant.role];
      if (scope === 'UNIT' && (!grant.unitId || grant.areaId)) {
        problems.push({
          field: `roles.${i}.unitId`,
          code: FieldErrorCode.SCOPE,
          params: { role: grant.role, scope: 'unit' },
          message: `${grant.role} needs a unitId and no areaId`,
        });
      } else if (scope === 'AREA' && (!grant.areaId || grant.unitId)) {
        problems.push({
          field: `roles.${i}.areaId`,
          code: FieldErrorCode.SCOPE,
          params: { role: grant.role, scope: 'area' },
          message: `${grant.role} needs an areaId and no unitId`,
        });
      } else if (scope === 'REGION' && (grant.unitId || grant.areaId)) {
        problems.push({
          field: `roles.${i}.role`,
          code: FieldErrorCode.SCOPE,
          params: { role: grant.role, scope: 'region' },
          message: `${grant.role} covers the region: give no unitId or areaId`,
        });
      } else if (grant.unitId && !(await existsInRegion(manager, 'units', grant.unitId, regionId))) {
        problems.push({
          field: `roles.${i}.unitId`,
          code: FieldErrorCode.UNKNOWN_REFERENCE,
          message: 'no such unit in the region',
        });
      } else if (grant.areaId && !(await existsInRegion(manager, 'areas', grant.areaId, regionId))) {
        problems.push({
          field: `roles.${i}.areaId`,
          code: FieldErrorCode.UNKNOWN_REFERENCE,
          message: 'no such area in the region',
        });
      }
    }
    const seen = new Set(roles.map(grantKey));
    if (seen.size !== roles.length)
      problems.push({
        field: 'roles',
        code: FieldErrorCode.DUPLICATE,
        message: 'the same role and scope is given twice',
      });
    if (problems.length > 0) throw DomainError.validation(problems);
  }
}

function duplicateExternalId(externalId: string): DomainError {
  return new DomainError(
    ErrorCode.DUPLICATE_EXTERNAL_ID,
    `Another user of the region is already linked to the identity ${externalId}`,
    {
      params: { externalId },
      fields: [
        { field: 'externalId', code: FieldErrorCode.DUPLICATE, message: 'already linked to another user' },
      ],
    },
  );
}

/** A grant's role and scope, to compare grants. */
function grantKey(g: RoleGrantInput): string {
  return `${g.role}/${g.unitId ?? ''}/${g.areaId ?? ''}`;
}
