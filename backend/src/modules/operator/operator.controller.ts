import { ApiPath, apiUrl, OperatorMeDto } from '@hyrkoll/contracts';
import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { CurrentOperator, OperatorOnly, Public } from '../../common/auth/access.decorators';
import { AuthOperator, OPERATOR_COOKIE, OPERATOR_SESSION_HOURS } from '../../common/auth/operator-sessions';
import { LoginBody } from '../auth/auth.controller';
import { LoginThrottle } from '../auth/login-throttle';
import { OPERATOR_WRITE_MINUTES, OperatorService } from './operator.service';

const QUEUE_BOARD_PATH = apiUrl(ApiPath.adminQueues);

/** The cookie the queue board's page sends back as `X-XSRF-TOKEN` on its changes (double submit). */
export const BOARD_XSRF_COOKIE = 'XSRF-TOKEN';

class OperatorMeResponse implements OperatorMeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Drift Hyrkoll' }) name!: string;
  @ApiProperty({ example: 'drift@example.se' }) email!: string;
  @ApiProperty({ description: 'Send as the x-csrf-token header on every change' }) csrfToken!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) writesUntil!: string | null;
}

/** Characters a reason for switching writing on needs at least: a word or two explain nothing. */
export const WRITES_REASON_MIN = 10;

class WritesBody {
  @ApiProperty({
    example: 'Retry the failed rollups of region 24 after the database restart',
    minLength: WRITES_REASON_MIN,
    maxLength: 500,
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(500)
  @MinLength(WRITES_REASON_MIN)
  @IsString()
  reason!: string;
}

@ApiTags('operator')
@Controller()
export class OperatorController {
  constructor(
    private readonly operators: OperatorService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Post(ApiPath.operatorLogin)
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Log in as the deployment's operator (made with cli.js operator:create); sets the operator's session cookie (public, rate-limited)",
  })
  @ApiOkResponse({ type: OperatorMeResponse })
  @ApiUnauthorizedResponse({
    description: 'Wrong e-mail address or password, or a locked account (the same answer)',
  })
  @ApiTooManyRequestsResponse({
    description:
      'TOO_MANY_LOGINS: too many failed logins for this account from this address, or from this address in all; wait Retry-After seconds',
  })
  async login(
    @Body() body: LoginBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OperatorMeDto> {
    const { token, operator } = await this.throttle.attempt('operator', request.ip, body.email, () =>
      this.operators.login(body.email, body.password, {
        requestId: String(request.id),
        previousToken: request.cookies?.[OPERATOR_COOKIE],
      }),
    );
    const secure = request.protocol === 'https';
    const maxAge = OPERATOR_SESSION_HOURS * 3600;
    void reply.setCookie(OPERATOR_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: '/api',
      maxAge,
    });
    // The board's page (axios) sends this cookie back as X-XSRF-TOKEN; the hook compares it with the session's.
    void reply.setCookie(BOARD_XSRF_COOKIE, operator.csrfToken, {
      httpOnly: false,
      sameSite: 'strict',
      secure,
      path: QUEUE_BOARD_PATH,
      maxAge,
    });
    return this.operators.me(operator);
  }

  @Post(ApiPath.operatorLogout)
  @OperatorOnly()
  @HttpCode(204)
  @ApiOperation({ summary: "End the operator's session (needs the CSRF header)" })
  @ApiNoContentResponse({ description: 'Logged out' })
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const token = request.cookies?.[OPERATOR_COOKIE];
    if (token) await this.operators.logout(token);
    void reply.clearCookie(OPERATOR_COOKIE, { path: '/api' });
    void reply.clearCookie(BOARD_XSRF_COOKIE, { path: QUEUE_BOARD_PATH });
  }

  @Get(ApiPath.operatorMe)
  @OperatorOnly()
  @ApiOperation({
    summary: 'The logged-in operator, the CSRF token, and until when the queue board takes changes',
  })
  @ApiOkResponse({ type: OperatorMeResponse })
  me(@CurrentOperator() operator: AuthOperator): OperatorMeDto {
    return this.operators.me(operator);
  }

  @Post(ApiPath.operatorWrites)
  @OperatorOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: `Let the queue board take changes in this session for ${OPERATOR_WRITE_MINUTES} minutes, with a reason (recorded)`,
  })
  @ApiOkResponse({ type: OperatorMeResponse })
  @ApiForbiddenResponse({ description: "Not the operator (a region's user gets OPERATOR_ONLY)" })
  switchOn(
    @CurrentOperator() operator: AuthOperator,
    @Body() body: WritesBody,
    @Req() request: FastifyRequest,
  ): Promise<OperatorMeDto> {
    return this.operators.setWrites(operator, { reason: body.reason }, String(request.id));
  }

  @Delete(ApiPath.operatorWrites)
  @OperatorOnly()
  @ApiOperation({ summary: 'Make the queue board read-only again for this session (recorded)' })
  @ApiOkResponse({ type: OperatorMeResponse })
  switchOff(
    @CurrentOperator() operator: AuthOperator,
    @Req() request: FastifyRequest,
  ): Promise<OperatorMeDto> {
    return this.operators.setWrites(operator, null, String(request.id));
  }
}
