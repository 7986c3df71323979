import { AccessRequestDto, AuditEntity, ErrorCode, FieldErrorCode, RoleGrantInput } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { decide, lockedRequest, pendingRequests, upsertRequest } from './access-requests.queries';

/**
 * Identities that signed in through the region's provider without a user of the region
 * (decision 024). An administrator creates the user from one (which links the identity) or
 * dismisses it; the identity asks again by signing in again.
 */
@Injectable()
export class AccessRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(regionId: string): Promise<AccessRequestDto[]> {
    return pendingRequests(this.dataSource, regionId);
  }

  /** Records a sign-in without a user; audited when the request is new or asked again. */
  async record(
    manager: EntityManager,
    actor: Actor,
    request: { subject: string; name: string; email: string | null; proposedRoles: RoleGrantInput[] },
  ): Promise<void> {
    const { id, created } = await upsertRequest(manager, { regionId: actor.regionId, ...request });
    await this.audit.record(manager, actor, {
      action: created ? 'access-request.create' : 'access-request.repeat',
      entityType: AuditEntity.ACCESS_REQUEST,
      entityId: id,
      after: { subject: request.subject, name: request.name, proposedRoles: request.proposedRoles },
    });
  }

  async dismiss(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const request = await this.pending(manager, actor.regionId, id);
      await decide(manager, id, 'DISMISSED', actor.userId);
      await this.audit.record(manager, actor, {
        action: 'access-request.dismiss',
        entityType: AuditEntity.ACCESS_REQUEST,
        entityId: id,
        before: request,
      });
    });
  }

  /**
   * Resolves a pending request as its user is created, in the creation's transaction; returns the
   * identity to link. An `externalId` given beside it must be the request's own.
   */
  async resolve(
    manager: EntityManager,
    actor: Actor,
    id: string,
    externalId: string | undefined,
  ): Promise<string> {
    const request = await this.pending(manager, actor.regionId, id);
    if (externalId !== undefined && externalId !== request.subject) {
      throw DomainError.validation([
        {
          field: 'externalId',
          code: FieldErrorCode.INVALID,
          message: 'must be the identity of the access request (or left out)',
        },
      ]);
    }
    await decide(manager, id, 'RESOLVED', actor.userId);
    await this.audit.record(manager, actor, {
      action: 'access-request.resolve',
      entityType: AuditEntity.ACCESS_REQUEST,
      entityId: id,
      before: request,
    });
    return request.subject;
  }

  private async pending(manager: EntityManager, regionId: string, id: string): Promise<AccessRequestDto> {
    const request = await lockedRequest(manager, regionId, id);
    if (!request) throw DomainError.notFound('Access request', id);
    if (request.status !== 'PENDING') {
      throw new DomainError(
        ErrorCode.ACCESS_REQUEST_WRONG_STATE,
        `The access request is ${request.status.toLowerCase()}, no longer pending`,
        { params: { status: request.status } },
      );
    }
    return request;
  }
}
