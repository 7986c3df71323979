import { Module } from '@nestjs/common';

import { BoardCommentsController } from './board-comments.controller';
import { BoardCommentsService } from './board-comments.service';

/** The steering group's commentary on the monthly board report (the audit trail is global). */
@Module({ controllers: [BoardCommentsController], providers: [BoardCommentsService] })
export class BoardCommentsModule {}
