import { ApiPath, AuditEventDto, FieldErrorCode, Permission } from '@hyrkoll/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { ToWholeNumber } from '../../common/validation/decorators';
import { AuditService } from './audit.service';

export class AuditQuery {
  @ApiPropertyOptional({ example: 'order', description: 'Only events of this entity type' })
  @IsOptional()
  @Matches(/^[a-z-]{1,40}$/, { message: 'entityType must be an entity type such as order' })
  entityType?: string;

  @ApiPropertyOptional({
    description: 'Only events of this entity; needs entityType (400 naming entityType without it)',
  })
  @IsOptional()
  @Matches(/^[\w-]{1,80}$/, { message: 'entityId must be an entity id' })
  entityId?: string;

  @ApiPropertyOptional({ description: 'Paging: only events older than this sequence number' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'beforeSeq must be a sequence number' })
  beforeSeq?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @ToWholeNumber()
  @Max(500)
  @Min(1)
  @IsInt()
  limit?: number;
}

export class AuditEventResponse implements AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '1042' }) seq!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ example: { userId: '…', name: 'Maria Nilsson' } }) actor!: {
    userId: string | null;
    name: string;
  };
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ example: 'dispensation.approve' }) action!: string;
  @ApiProperty({ example: 'dispensation' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ nullable: true, description: 'The entity before the change' }) before!: unknown;
  @ApiProperty({ nullable: true, description: 'The entity after the change' }) after!: unknown;
}

@ApiTags('audit')
@Controller(ApiPath.audit)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AUDIT_READ)
  @ApiOperation({
    summary:
      "The region's audit trail, newest first (also for one entity); filter by entity type, or by type and id; page with beforeSeq",
  })
  @ApiOkResponse({ type: [AuditEventResponse] })
  list(@CurrentUser() user: AuthUser, @Query() query: AuditQuery): Promise<AuditEventDto[]> {
    if (query.entityId !== undefined && query.entityType === undefined) {
      // an id alone names nothing (ids are unique per entity type only): refused, not ignored
      throw DomainError.validation([
        {
          field: 'entityType',
          code: FieldErrorCode.NEEDS_OTHER,
          params: { with: 'entityId' },
          message: 'entityType is required with entityId (e.g. entityType=order)',
        },
      ]);
    }
    return this.audit.listForRegion(user.regionId, {
      entityType: query.entityType,
      entityId: query.entityId,
      beforeSeq: query.beforeSeq,
      limit: query.limit ?? 100,
    });
  }
}
