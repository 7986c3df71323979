import type { Socket } from 'node:net';

import {
  ApiPath,
  ErrorCode,
  FieldErrorCode,
  IMPORT_KINDS,
  IMPORT_SOURCE_MAX_LENGTH,
  IMPORT_SOURCE_PATTERN,
  IMPORT_STATUSES,
  ImportDouble,
  ImportDto,
  ImportKind,
  ImportPreview,
  ImportRowError,
  ImportSourceDto,
  ImportStatus,
  normaliseImportSource,
  Permission,
} from '@hyrkoll/contracts';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { CurrentRequest, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { ImportActionsService } from './import-actions.service';
import { ImportsService, MAX_IMPORT_BYTES, UPLOADS_RETRY_AFTER_SECONDS } from './imports.service';

export class ImportKindParam {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS, { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind!: ImportKind;
}

/** The source as stored and compared: trimmed, single spaces, lower case (decision 017). */
const normalisedSource = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? normaliseImportSource(value) : value;

export class ImportSourceQuery {
  @ApiProperty({
    description:
      'Where the file comes from (a supplier\'s organisation number, "heroma", the finance system): the file replaces only rows of this source in the months it covers. Letters, digits, space and . _ - / & ( ); starts with a letter or digit; at most 40 characters. Compared without regard to case or repeated spaces: it is stored trimmed, with single spaces, in lower case.',
    example: 'heroma',
    maxLength: IMPORT_SOURCE_MAX_LENGTH,
  })
  @Transform(normalisedSource)
  @IsString({ message: 'source must be given: where the file comes from, e.g. heroma' })
  @MaxLength(IMPORT_SOURCE_MAX_LENGTH, {
    message: `source must be at most ${IMPORT_SOURCE_MAX_LENGTH} characters`,
  })
  @Matches(IMPORT_SOURCE_PATTERN, {
    message:
      'source must start with a letter or digit and hold only letters, digits, space and . _ - / & ( )',
  })
  source!: string;
}

export class ImportSourcesQuery {
  @ApiPropertyOptional({ enum: IMPORT_KINDS })
  @IsOptional()
  @IsIn(IMPORT_KINDS, { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind?: ImportKind;
}

export class ImportIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be an import id' }) id!: string;
}

class ImportErrorResponse implements ImportRowError {
  @ApiProperty({ example: 7 }) line!: number;
  @ApiProperty({ example: 'month' }) column!: string;
  @ApiProperty({ example: '2024-13' }) value!: string;
  @ApiProperty({ example: { sv: 'månaden ska skrivas ÅÅÅÅ-MM', en: 'the month must be written YYYY-MM' } })
  reason!: { sv: string; en: string };
}

class ImportMonthRows {
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ example: 1200 }) rows!: number;
}

class ImportReplacedRows extends ImportMonthRows {
  @ApiProperty({ example: 'heroma' }) source!: string;
}

class ImportDoubleResponse implements ImportDouble {
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({
    description: "The unit's code (purchased hours) or the area's (own-staff cost)",
    example: '120101',
  })
  code!: string;
  @ApiProperty({ example: 'LAKARE' }) professionGroup!: string;
  @ApiProperty({
    description: 'The supplier as the file names it (purchased hours) or the care setting (own-staff cost)',
    example: 'Läkarjouren i Norr AB',
  })
  detail!: string;
  @ApiProperty({ example: 'heroma' }) otherSource!: string;
  @ApiProperty({ example: 3 }) otherRows!: number;
}

class ImportDoublesResponse {
  @ApiProperty({ description: 'Keys of the file that rows of another source already have', example: 1 })
  keys!: number;
  @ApiProperty({ type: [ImportDoubleResponse], description: 'The first 100' })
  examples!: ImportDoubleResponse[];
}

class ImportPreviewResponse implements ImportPreview {
  @ApiProperty({ type: [ImportMonthRows], description: 'Rows the file adds, per month' })
  added!: ImportMonthRows[];
  @ApiProperty({
    type: [ImportReplacedRows],
    description: 'Rows already there that confirming replaces, per month and source (its own source only)',
  })
  replaced!: ImportReplacedRows[];
  @ApiProperty({ type: ImportDoublesResponse, description: 'Possible double counting across sources' })
  doubles!: ImportDoublesResponse;
}

class ImportSourceResponse implements ImportSourceDto {
  @ApiProperty({ example: 'heroma' }) source!: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind!: ImportKind;
  @ApiProperty({ format: 'date-time' }) lastUsedAt!: string;
}

class ImportResponse implements ImportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind!: ImportKind;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty({ example: 'heroma' }) source!: string;
  @ApiProperty({ example: 'timmar-2024-10.csv' }) fileName!: string;
  @ApiProperty({ example: 1048576 }) sizeBytes!: number;
  @ApiProperty({ example: 100000 }) linesTotal!: number;
  @ApiProperty({ example: 40000 }) rowsRead!: number;
  @ApiProperty({ example: 40000 }) rowsValid!: number;
  @ApiProperty({ example: 40 }) percent!: number;
  @ApiProperty({ example: 0 }) errorCount!: number;
  @ApiProperty({ type: [ImportErrorResponse] }) errors!: ImportErrorResponse[];
  @ApiProperty({ type: [String], example: ['2024-10'] }) months!: string[];
  @ApiProperty({ example: 100000 }) rowsWritten!: number;
  @ApiProperty({ example: 0 }) rowsReplaced!: number;
  @ApiProperty({ type: ImportPreviewResponse, nullable: true }) preview!: ImportPreviewResponse | null;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) undoneAt!: string | null;
}

/**
 * busboy refuses a body it cannot read (no boundary, the body ending mid-part) with a plain
 * Error, without the code or status that database, stream and HTTP errors carry: a 400.
 */
function malformedMultipart(error: unknown): unknown {
  return error instanceof Error &&
    error.constructor === Error &&
    !('statusCode' in error) &&
    !('code' in error)
    ? new DomainError(ErrorCode.MALFORMED_MULTIPART, `Malformed multipart body: ${error.message}`)
    : error;
}

/** How long a refused upload's connection stays open after the answer, its rest read and dropped. */
const LINGER_MS = 500;

/**
 * Makes Node's close after a `Connection: close` answer a lingering one: the answer and a FIN go
 * out, and the socket is destroyed only LINGER_MS later. Destroying it at once, with the client's
 * body still arriving, makes the kernel answer with a reset that can discard the answer itself
 * before the client has read it.
 */
function lingerOnClose(socket: Socket): void {
  socket.destroySoon = function (this: Socket) {
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
}

/**
 * Prepares the answer to an upload refused before its body has all arrived (a line too long, not
 * UTF-8, too large, too many uploads at once): `Connection: close`, so that Node ends the
 * connection once the answer is written instead of reading, and throwing away, the rest of the
 * body first. A browser reads the answer only after it has sent the whole body, and a client
 * that never reads it would hold the server for as long as it sends.
 */
function refuseUpload(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  if (!request.raw.complete) {
    void reply.header('connection', 'close');
    lingerOnClose(request.raw.socket);
  }
  if (error instanceof DomainError && error.code === ErrorCode.TOO_MANY_UPLOADS) {
    void reply.header('retry-after', String(UPLOADS_RETRY_AFTER_SECONDS));
  }
}

@ApiTags('imports')
@Controller(ApiPath.imports)
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly actions: ImportActionsService,
  ) {}

  @Post(':kind')
  @RequirePermission(Permission.IMPORT_MANAGE)
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Upload a CSV file (multipart field "file", UTF-8, ; or , separated) from a source; the worker validates it and computes its preview, and the import waits (AWAITING_CONFIRMATION) until it is confirmed or discarded',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
      description: 'The source goes in the query: POST /api/imports/purchased-hours?source=heroma',
    },
  })
  @ApiAcceptedResponse({
    type: ImportResponse,
    description:
      'Received and queued; poll GET /api/imports/{id} until AWAITING_CONFIRMATION (with its preview) or REFUSED',
  })
  @ApiBadRequestResponse({
    description:
      'The file was refused before it was staged: details [{ field: "file", code, message, line?, maxChars? }] with code LINE_TOO_LONG, NOT_UTF8 or NO_DATA_LINES; the connection is closed after the answer',
  })
  @ApiTooManyRequestsResponse({
    description:
      'The process is receiving IMPORT_MAX_CONCURRENT_UPLOADS uploads already; try again after Retry-After seconds',
  })
  async upload(
    @CurrentRequest() ctx: RequestContext,
    @Param() params: ImportKindParam,
    @Query() query: ImportSourceQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportDto> {
    if (!request.isMultipart()) {
      throw new DomainError(
        ErrorCode.MULTIPART_REQUIRED,
        'Send the file as multipart/form-data in the field "file"',
      );
    }
    let release: (() => void) | undefined;
    try {
      release = this.imports.admitUpload();
      const file = await request
        .file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })
        .catch((error: unknown) => {
          throw malformedMultipart(error);
        });
      if (!file || file.fieldname !== 'file') {
        throw DomainError.validation([
          { field: 'file', code: FieldErrorCode.REQUIRED, message: 'the multipart field "file" is missing' },
        ]);
      }
      return await this.imports
        .receive(ctx.actor, params.kind, query.source, file.filename, file.file)
        .catch((error: unknown) => {
          throw malformedMultipart(error); // the upload breaking off mid-file
        });
    } catch (error) {
      refuseUpload(request, reply, error);
      throw error;
    } finally {
      release?.();
    }
  }

  @Post(':id/confirm')
  @RequirePermission(Permission.IMPORT_MANAGE)
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Confirm a validated import (AWAITING_CONFIRMATION → WRITING): the worker writes its rows, replacing the rows of its source in its months; poll until DONE',
  })
  @ApiAcceptedResponse({ type: ImportResponse })
  @ApiConflictResponse({
    description: 'The import is not AWAITING_CONFIRMATION (the error names its status)',
  })
  confirm(@CurrentRequest() ctx: RequestContext, @Param() params: ImportIdParam): Promise<ImportDto> {
    return this.actions.confirm(ctx.actor, params.id);
  }

  @Post(':id/discard')
  @RequirePermission(Permission.IMPORT_MANAGE)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Discard a validated import without writing it (AWAITING_CONFIRMATION → DISCARDED)',
  })
  @ApiOkResponse({ type: ImportResponse })
  @ApiConflictResponse({
    description: 'The import is not AWAITING_CONFIRMATION (the error names its status)',
  })
  discard(@CurrentRequest() ctx: RequestContext, @Param() params: ImportIdParam): Promise<ImportDto> {
    return this.actions.discard(ctx.actor, params.id);
  }

  @Post(':id/undo')
  @RequirePermission(Permission.IMPORT_MANAGE)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo a finished import (DONE → UNDONE): its rows leave, the rows it replaced come back, the rollups of its months are recomputed',
  })
  @ApiOkResponse({ type: ImportResponse })
  @ApiConflictResponse({
    description:
      'The import is not DONE (the error names its status), or a later import of the same source replaced rows of it (undo that one first; details.laterImportId, laterFileName, laterCreatedAt)',
  })
  undo(@CurrentRequest() ctx: RequestContext, @Param() params: ImportIdParam): Promise<ImportDto> {
    return this.actions.undo(ctx.actor, params.id);
  }

  @Get('sources')
  @RequirePermission(Permission.IMPORT_MANAGE)
  @ApiOperation({ summary: "The sources of the region's earlier imports, most recently used first" })
  @ApiOkResponse({ type: [ImportSourceResponse] })
  sources(@CurrentUser() user: AuthUser, @Query() query: ImportSourcesQuery): Promise<ImportSourceDto[]> {
    return this.actions.sources(user.regionId, query.kind);
  }

  @Get()
  @RequirePermission(Permission.IMPORT_MANAGE)
  @ApiOperation({ summary: "The region's latest imports, newest first (without their error lists)" })
  @ApiOkResponse({ type: [ImportResponse] })
  list(@CurrentUser() user: AuthUser): Promise<ImportDto[]> {
    return this.imports.list(user.regionId);
  }

  @Get(':id')
  @RequirePermission(Permission.IMPORT_MANAGE)
  @ApiOperation({
    summary:
      'Progress and result of an import: rows read and valid, percent, and each error (line, column, value, reason)',
  })
  @ApiOkResponse({ type: ImportResponse })
  get(@CurrentUser() user: AuthUser, @Param() params: ImportIdParam): Promise<ImportDto> {
    return this.imports.get(user.regionId, params.id);
  }
}
