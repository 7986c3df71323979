import {
  BOARD_COMMENT_MAX_LENGTH,
  BoardCommentDto,
  FieldErrorCode,
  SaveBoardCommentBody,
} from '@hyrkoll/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

export class BoardCommentMonthParam {
  @ApiProperty({ example: '2024-10', description: 'The report month, YYYY-MM' })
  @Matches(/^(19\d\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/, {
    message: 'month must be a month of the form YYYY-MM, from 1900-01 to 9999-12',
    context: { code: FieldErrorCode.MONTH },
  })
  month!: string;
}

export class SaveBoardCommentRequest implements SaveBoardCommentBody {
  @ApiProperty({ maxLength: BOARD_COMMENT_MAX_LENGTH, example: 'Kostnaden sjunker i NSO men inte i VSO.' })
  @IsString({ message: 'text must be text' })
  @MaxLength(BOARD_COMMENT_MAX_LENGTH, {
    message: `text must be at most ${BOARD_COMMENT_MAX_LENGTH} characters`,
  })
  @Matches(/\S/, { message: 'text must not be empty', context: { code: FieldErrorCode.REQUIRED } })
  text!: string;

  @ApiPropertyOptional({ minimum: 1, description: 'The version read; absent for the month’s first text' })
  @IsOptional()
  @IsInt({ message: 'version must be a whole number' })
  @Min(1, { message: 'version must be at least 1' })
  version?: number;
}

class CommentAuthor {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Karin Berg' }) name!: string;
}

export class BoardCommentResponse implements BoardCommentDto {
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: CommentAuthor }) updatedBy!: CommentAuthor;
  @ApiProperty({ example: 1 }) version!: number;
}

export class BoardCommentAnswer {
  @ApiProperty({ type: BoardCommentResponse, nullable: true }) comment!: BoardCommentResponse | null;
}
