import { ApiPath, Permission } from '@hyrkoll/contracts';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { BoardCommentsService } from './board-comments.service';
import {
  BoardCommentAnswer,
  BoardCommentMonthParam,
  BoardCommentResponse,
  SaveBoardCommentRequest,
} from './dto/board-comments.dto';

@ApiTags('board-comments')
@Controller(ApiPath.boardComments)
export class BoardCommentsController {
  constructor(private readonly comments: BoardCommentsService) {}

  @Get(':month')
  @RequirePermission(Permission.METRICS_READ)
  @ApiOperation({ summary: "The steering group's commentary on the month's board report, if any" })
  @ApiOkResponse({ type: BoardCommentAnswer })
  async get(
    @CurrentUser() user: AuthUser,
    @Param() params: BoardCommentMonthParam,
  ): Promise<BoardCommentAnswer> {
    return { comment: await this.comments.get(user, params.month) };
  }

  @Put(':month')
  @RequirePermission(Permission.BOARD_COMMENT_WRITE)
  @ApiOperation({
    summary:
      "Writes the month's commentary (steering group): without a version the first time, then with the version read",
  })
  @ApiOkResponse({ type: BoardCommentResponse })
  save(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: BoardCommentMonthParam,
    @Body() body: SaveBoardCommentRequest,
  ): Promise<BoardCommentResponse> {
    return this.comments.save(ctx, params.month, body);
  }
}
