import {
  ApiPath,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PasswordSetupCheckRequest,
  PasswordSetupInfoDto,
  PasswordSetupRequest,
} from '@hyrkoll/contracts';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';

import { Public } from '../../common/auth/access.decorators';
import { PasswordSetupService } from './password-setup.service';

export class PasswordSetupCheckBody implements PasswordSetupCheckRequest {
  @ApiProperty({ description: 'The token of the link (after # in its address)' })
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  token!: string;
}

export class PasswordSetupBody extends PasswordSetupCheckBody implements PasswordSetupRequest {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  @MaxLength(MAX_PASSWORD_LENGTH)
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @IsString()
  password!: string;
}

class PasswordSetupInfoResponse implements PasswordSetupInfoDto {
  @ApiProperty({ example: 'Eva Lindqvist' }) name!: string;
  @ApiProperty({ example: 'eva.lindqvist@demo.hyrkoll.se' }) email!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

/** The public side of the one-time password-setup links: the page a user opens from the e-mail. */
@ApiTags('auth')
@Controller()
export class PasswordSetupController {
  constructor(private readonly setups: PasswordSetupService) {}

  @Post(ApiPath.passwordSetupCheck)
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Whose an open password-setup link is (public; the token is the secret)' })
  @ApiOkResponse({ type: PasswordSetupInfoResponse })
  @ApiNotFoundResponse({ description: 'PASSWORD_SETUP_LINK_INVALID: unknown, used or expired' })
  check(@Body() body: PasswordSetupCheckBody): Promise<PasswordSetupInfoDto> {
    return this.setups.check(body.token);
  }

  @Post(ApiPath.passwordSetup)
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: "Choose one's own password through a one-time link (public; ends every session, audited)",
  })
  @ApiNoContentResponse({ description: 'The password is set; the link no longer works' })
  @ApiNotFoundResponse({ description: 'PASSWORD_SETUP_LINK_INVALID: unknown, used or expired' })
  async complete(@Body() body: PasswordSetupBody, @Req() request: FastifyRequest): Promise<void> {
    await this.setups.complete(body.token, body.password, String(request.id));
  }
}
