import { ApiPath, CLIENT_ERROR_MAX_BYTES, ClientErrorReport, ErrorCode } from '@hyrkoll/contracts';
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  HttpCode,
  Injectable,
  Logger,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';

import { Public } from '../../common/auth/access.decorators';
import { RateLimiter, RateRule } from '../../common/redis/rate-limiter';

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

  @ApiPropertyOptional({ maxLength: CLIENT_ERROR_MAX_BYTES })
  @IsOptional()
  @MaxLength(CLIENT_ERROR_MAX_BYTES)
  @IsString()
  stack?: string;
}

/**
 * Reports one client address may send a minute: a page sends at most 20, so an office behind
 * one address reports freely, and no one fills the logs (docs/reliability.md, "Small holes closed").
 */
export const CLIENT_ERROR_REPORTS: RateRule = {
  name: 'client-errors',
  limit: 30,
  windowSeconds: 60,
  code: ErrorCode.TOO_MANY_CLIENT_ERRORS,
  message: 'Too many error reports from this address; try again after Retry-After seconds',
  // losing a count while Redis is away loses nothing but a few log lines
  withoutRedis: 'allow',
};

/** Counts every report of an address, valid or not, before it is read. */
@Injectable()
export class ClientErrorsLimit implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.limiter.take(CLIENT_ERROR_REPORTS, context.switchToHttp().getRequest<FastifyRequest>().ip);
    return true;
  }
}

/** Lets the frontend put its unexpected errors into the server's logs, next to the API's. */
@ApiTags('client-errors')
@Controller(ApiPath.clientErrors)
export class ClientErrorsController {
  private readonly logger = new Logger('Frontend');

  @Post()
  @Public()
  @HttpCode(204)
  @UseGuards(ClientErrorsLimit)
  @ApiOperation({
    summary: `Report an unexpected error in the browser (logged, nothing stored; public, at most ${CLIENT_ERROR_MAX_BYTES} bytes, ${CLIENT_ERROR_REPORTS.limit} reports a minute per address)`,
  })
  @ApiNoContentResponse({ description: 'Logged' })
  @ApiPayloadTooLargeResponse({ description: `PAYLOAD_TOO_LARGE: over ${CLIENT_ERROR_MAX_BYTES} bytes` })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_CLIENT_ERRORS: wait Retry-After seconds' })
  report(@Body() body: ClientErrorBody): void {
    this.logger.warn({ clientError: body }, 'frontend error');
  }
}
