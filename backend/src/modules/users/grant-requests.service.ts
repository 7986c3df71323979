import {
  AuditEntity,
  ErrorCode,
  GRANT_REQUEST_DAYS,
  GrantRequestDto,
  Role,
  RoleGrantInput,
  ROLES_NEEDING_APPROVAL,
} from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import {
  decide,
  expireStale,
  grantRole,
  insertRequests,
  lockOpenRequestsOf,
  lockRequest,
  undecided,
} from './grant-requests.queries';

/** True for a role whose grant waits for a second administrator. */
export function needsApproval(role: Role): boolean {
  return ROLES_NEEDING_APPROVAL.includes(role);
}

/**
 * Four eyes on decision power (decision 020): a grant of a deciding role or of administrator is
 * a request until an administrator other than the requester and the user approves it, within
 * GRANT_REQUEST_DAYS. Every step is audited on the user.
 */
@Injectable()
export class GrantRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Asks, in the caller's transaction, for grants that need approval (none twice). */
  async request(
    manager: EntityManager,
    actor: Actor,
    userId: string,
    grants: RoleGrantInput[],
  ): Promise<void> {
    if (grants.length === 0) return;
    if (!actor.userId) throw new Error('a grant request needs a requesting user');
    await expireStale(manager, userId);
    const key = { regionId: actor.regionId, userId, requestedBy: actor.userId, days: GRANT_REQUEST_DAYS };
    const made = await insertRequests(manager, key, grants);
    await this.audit.record(
      manager,
      actor,
      made.map((r) => ({
        action: 'role-grant.request',
        entityType: AuditEntity.USER,
        entityId: userId,
        after: { requestId: r.id, role: r.role, unitId: r.unitId, areaId: r.areaId },
      })),
    );
  }

  /**
   * Withdraws, in the caller's transaction, the user's waiting requests that `wanted` (the user's
   * whole new list of roles) leaves out: closed as REJECTED by the actor and audited as
   * `role-grant.withdraw`, so that a later approval cannot grant what was taken out.
   */
  async withdrawLeftOut(
    manager: EntityManager,
    actor: Actor,
    userId: string,
    wanted: RoleGrantInput[],
  ): Promise<void> {
    if (!actor.userId) throw new Error('withdrawing a grant request needs a user');
    const keep = new Set(wanted.map(requestKey));
    const leftOut = (await lockOpenRequestsOf(manager, userId)).filter((r) => !keep.has(requestKey(r)));
    for (const r of leftOut) await decide(manager, r.id, 'REJECTED', actor.userId);
    await this.audit.record(
      manager,
      actor,
      leftOut.map((r) => ({
        action: 'role-grant.withdraw',
        entityType: AuditEntity.USER,
        entityId: userId,
        after: {
          requestId: r.id,
          role: r.role,
          unitId: r.unitId,
          areaId: r.areaId,
          requestedBy: r.requestedBy,
          reason: 'left out of the roles',
        },
      })),
    );
  }

  async list(regionId: string): Promise<GrantRequestDto[]> {
    const rows = await undecided(this.dataSource.manager, regionId);
    return rows.map(({ unit, area, ...rest }) => ({ ...rest, ...(unit && { unit }), ...(area && { area }) }));
  }

  approve(actor: Actor, id: string): Promise<void> {
    return this.decide(actor, id, 'APPROVED');
  }

  reject(actor: Actor, id: string): Promise<void> {
    return this.decide(actor, id, 'REJECTED');
  }

  private async decide(actor: Actor, id: string, outcome: 'APPROVED' | 'REJECTED'): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const request = await lockRequest(manager, actor.regionId, id);
      if (!request) throw DomainError.notFound('Grant request', id);
      if (request.userId === actor.userId) {
        throw new DomainError(
          ErrorCode.GRANT_REQUEST_FOR_SELF,
          'Nobody decides a grant of a role to themselves: another administrator must',
        );
      }
      if (outcome === 'APPROVED' && request.requestedBy === actor.userId) {
        throw new DomainError(
          ErrorCode.GRANT_REQUEST_OWN,
          'A grant is approved by another administrator than the one who asked for it',
        );
      }
      if (outcome === 'REJECTED' && request.status === 'EXPIRED' && request.open) {
        // its time ran out: nothing can be granted any more, but it may leave the waiting list
        await decide(manager, id, 'EXPIRED', actor.userId as string);
        await this.audit.record(manager, actor, {
          action: 'role-grant.dismiss',
          entityType: AuditEntity.USER,
          entityId: request.userId,
          after: {
            requestId: id,
            role: request.role,
            unitId: request.unitId,
            areaId: request.areaId,
            requestedBy: request.requestedBy,
            status: 'EXPIRED',
          },
        });
        return;
      }
      if (request.status !== 'PENDING') {
        throw new DomainError(
          ErrorCode.GRANT_REQUEST_WRONG_STATE,
          `The grant request is ${request.status}, not PENDING`,
          { params: { currentStatus: request.status } },
        );
      }
      await decide(manager, id, outcome, actor.userId as string);
      if (outcome === 'APPROVED') await grantRole(manager, actor.regionId, request.userId, request);
      await this.audit.record(manager, actor, {
        action: outcome === 'APPROVED' ? 'role-grant.approve' : 'role-grant.reject',
        entityType: AuditEntity.USER,
        entityId: request.userId,
        after: {
          requestId: id,
          role: request.role,
          unitId: request.unitId,
          areaId: request.areaId,
          requestedBy: request.requestedBy,
        },
      });
    });
  }
}

/** A grant's role and scope, to compare a request with a wanted grant. */
function requestKey(g: { role: Role; unitId?: string | null; areaId?: string | null }): string {
  return `${g.role}/${g.unitId ?? ''}/${g.areaId ?? ''}`;
}
