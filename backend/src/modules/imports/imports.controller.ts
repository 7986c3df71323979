import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiPath,
  ErrorCode,
  IMPORT_KINDS,
  ImportDto,
  ImportKind,
  ImportRowError,
  ImportStatus,
  Permission,
} from '@hyrkoll/contracts';
import { IsIn, IsUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, CurrentUser, RequirePermission } from '../../common/auth/access.decorators';
import type { Actor, AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { ImportsService, MAX_IMPORT_BYTES } from './imports.service';

export class ImportKindParam {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS, { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind!: ImportKind;
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

class ImportResponse implements ImportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind!: ImportKind;
  @ApiProperty({ enum: ['RECEIVING', 'QUEUED', 'VALIDATING', 'WRITING', 'DONE', 'REFUSED', 'FAILED'] })
  status!: ImportStatus;
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
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
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
    ? new DomainError(ErrorCode.MALFORMED_REQUEST, `Malformed multipart body: ${error.message}`)
    : error;
}

@ApiTags('imports')
@Controller(ApiPath.imports)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post(':kind')
  @RequirePermission(Permission.IMPORT_MANAGE)
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Upload a CSV file (multipart field "file", UTF-8, ; or , separated); it is validated and written by the worker',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiAcceptedResponse({
    type: ImportResponse,
    description: 'Received and queued; poll GET /api/imports/{id}',
  })
  async upload(
    @CurrentActor() actor: Actor,
    @Param() params: ImportKindParam,
    @Req() request: FastifyRequest,
  ): Promise<ImportDto> {
    if (!request.isMultipart()) {
      throw new DomainError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the file as multipart/form-data in the field "file"',
      );
    }
    const file = await request
      .file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })
      .catch((error: unknown) => {
        throw malformedMultipart(error);
      });
    if (!file || file.fieldname !== 'file') {
      file?.file.resume();
      throw DomainError.validation([{ field: 'file', message: 'the multipart field "file" is missing' }]);
    }
    return this.imports.receive(actor, params.kind, file.filename, file.file).catch((error: unknown) => {
      throw malformedMultipart(error); // the upload breaking off mid-file
    });
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
