import {
  AuditEntity,
  ErrorCode,
  FieldError,
  RoleGrantInput,
  SCOPE_OF_ROLE,
  UserDto,
} from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { hashPassword } from '../../common/auth/passwords';
import { DomainError } from '../../common/errors/domain-error';
import { isUniqueViolation } from '../../database/pg-errors';
import { execute } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import type { CreateUserBody, UpdateUserBody } from './dto/user.dto';

interface UserRow {
  id: string;
  email: string;
  name: string;
  locale: 'sv' | 'en';
  active: boolean;
  version: number;
  roles: UserDto['roles'] | null;
}

const USER_SELECT = `
  SELECT u.id, u.email, u.name, u.locale, u.active, u.version,
         (SELECT json_agg(json_strip_nulls(json_build_object(
                   'role', a.role,
                   'unit', CASE WHEN un.id IS NULL THEN NULL ELSE json_build_object('id', un.id, 'name', un.name, 'costCentre', un.cost_centre) END,
                   'area', CASE WHEN ar.id IS NULL THEN NULL ELSE json_build_object('id', ar.id, 'code', ar.code, 'name', ar.name) END))
                 ORDER BY a.role, un.name, ar.name)
            FROM role_assignments a
            LEFT JOIN units un ON un.id = a.unit_id
            LEFT JOIN areas ar ON ar.id = a.area_id
           WHERE a.user_id = u.id) AS roles
    FROM users u`;

function toDto(row: UserRow): UserDto {
  return { ...row, roles: row.roles ?? [] };
}

/** Namespace of the advisory locks that serialise changes to a region's administrators. */
const ADMINISTRATORS_LOCK_NAMESPACE = 4243;

/** Users and their roles, kept by the region's administrators. Every change is audited. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(regionId: string): Promise<UserDto[]> {
    const rows = await this.dataSource.query<UserRow[]>(
      `${USER_SELECT} WHERE u.region_id = $1 ORDER BY u.name`,
      [regionId],
    );
    return rows.map(toDto);
  }

  async create(actor: Actor, body: CreateUserBody): Promise<UserDto> {
    const passwordHash = await hashPassword(body.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.checkRoles(manager, actor.regionId, body.roles);
        const [{ id }] = await manager.query<{ id: string }[]>(
          `INSERT INTO users (region_id, email, name, locale, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [
            actor.regionId,
            body.email.trim().toLowerCase(),
            body.name.trim(),
            body.locale ?? 'sv',
            passwordHash,
          ],
        );
        await this.replaceRoles(manager, actor.regionId, id, body.roles);
        const created = await this.load(manager, actor.regionId, id);
        await this.audit.record(manager, actor, {
          action: 'user.create',
          entityType: AuditEntity.USER,
          entityId: id,
          after: created,
        });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `A user with the e-mail address ${body.email} already exists`,
          [{ field: 'email', message: 'already in use' }],
        );
      }
      throw error;
    }
  }

  async update(actor: Actor, id: string, body: UpdateUserBody): Promise<UserDto> {
    const passwordHash = body.password ? await hashPassword(body.password) : null;
    return this.dataSource.transaction(async (manager) => {
      const mayDropAdministrator = body.active === false || body.roles !== undefined;
      if (mayDropAdministrator) {
        // serialises changes that could leave the region without an administrator
        await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          ADMINISTRATORS_LOCK_NAMESPACE,
          actor.regionId,
        ]);
      }
      const before = await this.load(manager, actor.regionId, id);
      if (body.roles) await this.checkRoles(manager, actor.regionId, body.roles);
      const { affected } = await execute(
        manager,
        `UPDATE users SET
           name = COALESCE($4, name), locale = COALESCE($5, locale), active = COALESCE($6, active),
           password_hash = COALESCE($7, password_hash), version = version + 1, updated_at = now()
         WHERE id = $1 AND region_id = $2 AND version = $3 RETURNING id`,
        [
          id,
          actor.regionId,
          body.version,
          body.name?.trim() ?? null,
          body.locale ?? null,
          body.active ?? null,
          passwordHash,
        ],
      );
      if (affected === 0) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `The user was changed by someone else: version is now ${before.version}, not ${body.version}`,
        );
      }
      if (body.roles) await this.replaceRoles(manager, actor.regionId, id, body.roles);
      if (mayDropAdministrator) await this.keepAnAdministrator(manager, actor.regionId, body);
      if (body.active === false || passwordHash) {
        await manager.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      }
      const after = await this.load(manager, actor.regionId, id);
      await this.audit.record(manager, actor, {
        action: 'user.update',
        entityType: AuditEntity.USER,
        entityId: id,
        before,
        after: { ...after, ...(passwordHash && { passwordChanged: true }) },
      });
      return after;
    });
  }

  /** A region keeps at least one active administrator, or nobody could manage it any more. */
  private async keepAnAdministrator(
    manager: EntityManager,
    regionId: string,
    body: UpdateUserBody,
  ): Promise<void> {
    const rows = await manager.query(
      `SELECT 1 FROM users u JOIN role_assignments a ON a.user_id = u.id
        WHERE u.region_id = $1 AND u.active AND a.role = 'ADMINISTRATOR' LIMIT 1`,
      [regionId],
    );
    if (rows.length === 0) {
      throw new DomainError(ErrorCode.CONFLICT, 'The region must keep at least one active administrator', [
        {
          field: body.active === false ? 'active' : 'roles',
          message: 'would leave the region without an active administrator',
        },
      ]);
    }
  }

  private async load(manager: EntityManager, regionId: string, id: string): Promise<UserDto> {
    const [row] = await manager.query<UserRow[]>(`${USER_SELECT} WHERE u.id = $1 AND u.region_id = $2`, [
      id,
      regionId,
    ]);
    if (!row) throw DomainError.notFound('User', id);
    return toDto(row);
  }

  /** Each role needs exactly its kind of scope, inside the region. */
  private async checkRoles(manager: EntityManager, regionId: string, roles: RoleGrantInput[]): Promise<void> {
    const problems: FieldError[] = [];
    for (const [i, grant] of roles.entries()) {
      const scope = SCOPE_OF_ROLE[grant.role];
      if (scope === 'UNIT' && (!grant.unitId || grant.areaId)) {
        problems.push({ field: `roles.${i}.unitId`, message: `${grant.role} needs a unitId and no areaId` });
      } else if (scope === 'AREA' && (!grant.areaId || grant.unitId)) {
        problems.push({ field: `roles.${i}.areaId`, message: `${grant.role} needs an areaId and no unitId` });
      } else if (scope === 'REGION' && (grant.unitId || grant.areaId)) {
        problems.push({
          field: `roles.${i}.role`,
          message: `${grant.role} covers the region: give no unitId or areaId`,
        });
      } else if (grant.unitId && !(await this.exists(manager, 'units', grant.unitId, regionId))) {
        problems.push({ field: `roles.${i}.unitId`, message: 'no such unit in the region' });
      } else if (grant.areaId && !(await this.exists(manager, 'areas', grant.areaId, regionId))) {
        problems.push({ field: `roles.${i}.areaId`, message: 'no such area in the region' });
      }
    }
    const seen = new Set(roles.map((g) => `${g.role}/${g.unitId ?? ''}/${g.areaId ?? ''}`));
    if (seen.size !== roles.length)
      problems.push({ field: 'roles', message: 'the same role and scope is given twice' });
    if (problems.length > 0) throw DomainError.validation(problems);
  }

  private async exists(
    manager: EntityManager,
    table: 'units' | 'areas',
    id: string,
    regionId: string,
  ): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM ${table} WHERE id = $1 AND region_id = $2`, [
      id,
      regionId,
    ]);
    return rows.length > 0;
  }

  private async replaceRoles(
    manager: EntityManager,
    regionId: string,
    userId: string,
    roles: RoleGrantInput[],
  ): Promise<void> {
    await manager.query('DELETE FROM role_assignments WHERE user_id = $1', [userId]);
    if (roles.length === 0) return;
    const values = roles.map((_, i) => `($1, $2, $${3 + i * 3}, $${4 + i * 3}, $${5 + i * 3})`).join(', ');
    await manager.query(
      `INSERT INTO role_assignments (user_id, region_id, role, unit_id, area_id) VALUES ${values}`,
      [userId, regionId, ...roles.flatMap((g) => [g.role, g.unitId ?? null, g.areaId ?? null])],
    );
  }
}
