import { AuditEntity, BoardCommentDto, SaveBoardCommentBody } from '@hyrkoll/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { BoardCommentRow, commentOf, insertComment, updateComment } from './board-comments.queries';

function toDto(row: BoardCommentRow): BoardCommentDto {
  return {
    month: row.month,
    text: row.text,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: { id: row.updated_by, name: row.updated_by_name },
    version: row.version,
  };
}

/** The steering group's commentary on a month's board report, one per region and month. */
@Injectable()
export class BoardCommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthUser, month: string): Promise<BoardCommentDto | null> {
    const row = await commentOf(this.dataSource, user.regionId, `${month}-01`);
    return row ? toDto(row) : null;
  }

  /**
   * Writes the month's commentary: the first one without a version, a change with the version
   * read (409 naming the current version when someone else changed it in between).
   */
  async save(ctx: RequestContext, month: string, body: SaveBoardCommentBody): Promise<BoardCommentDto> {
    const regionId = ctx.user.regionId;
    const key = `${month}-01`;
    const text = body.text.trim();
    return this.dataSource.transaction(async (manager) => {
      const before = await commentOf(manager, regionId, key, true);
      const conflict = (current: number | null) =>
        current === null
          ? DomainError.stale(
              'boardComment',
              'The commentary of this month does not exist yet: save it without a version',
            )
          : DomainError.stale(
              'boardComment',
              `The commentary was changed by someone else: version is now ${current}, not ${body.version ?? 'none'}`,
              { currentVersion: current },
            );
      if (!before) {
        if (body.version !== undefined) throw conflict(null);
        await insertComment(manager, { regionId, month: key, text, userId: ctx.user.id });
      } else {
        if (body.version === undefined) throw conflict(before.version);
        const changed = await updateComment(manager, {
          regionId,
          month: key,
          text,
          userId: ctx.user.id,
          version: body.version,
        });
        if (changed === 0) throw conflict(before.version);
      }
      const after = await commentOf(manager, regionId, key);
      if (!after) throw conflict(null);
      const dto = toDto(after);
      await this.audit.record(manager, ctx.actor, {
        action: before ? 'board-comment.update' : 'board-comment.create',
        entityType: AuditEntity.BOARD_COMMENT,
        entityId: month,
        before: before ? toDto(before) : undefined,
        after: dto,
      });
      return dto;
    });
  }
}
