import { ApiPath, ClientErrorReport } from '@hyrkoll/contracts';
import { Body, Controller, HttpCode, Logger, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

import { Public } from '../../common/auth/access.decorators';

export class ClientErrorBody implements ClientErrorReport {
  @ApiProperty({ maxLength: 2000, example: "TypeError: Cannot read properties of undefined (reading 'id')" })
  @MinLength(1)
  @MaxLength(2000)
  @IsString()
  message!: string;

  @ApiProperty({ maxLength: 2000, example: '/orders/42' })
  @MaxLength(2000)
  @IsString()
  url!: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @MaxLength(20000)
  @IsString()
  stack?: string;
}

/** Lets the frontend put its unexpected errors into the server's logs, next to the API's. */
@ApiTags('client-errors')
@Controller(ApiPath.clientErrors)
export class ClientErrorsController {
  private readonly logger = new Logger('Frontend');

  @Post()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Report an unexpected error in the browser (logged, nothing stored)' })
  @ApiNoContentResponse({ description: 'Logged' })
  report(@Body() body: ClientErrorBody): void {
    this.logger.warn({ clientError: body }, 'frontend error');
  }
}
