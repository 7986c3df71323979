import {
  ApiPath,
  LocaleRequest,
  LoginRequest,
  LogoutDto,
  MeDto,
  Permission,
  RoleAssignmentDto,
  SESSION_COOKIE,
} from '@hyrkoll/contracts';
import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { CurrentUser, LoggedIn, Public } from '../../common/auth/access.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppConfig } from '../../config/app-config';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { setSessionCookie } from './session-cookie';

export class LoginBody implements LoginRequest {
  @ApiProperty({ example: 'eva.lindqvist@demo.hyrkoll.se' })
  @MaxLength(254)
  @MinLength(3)
  @IsString()
  email!: string;

  @ApiProperty({ example: 'hyrkoll-demo' })
  @MaxLength(1000)
  @MinLength(1)
  @IsString()
  password!: string;
}

export class LocaleBody implements LocaleRequest {
  @ApiProperty({ enum: ['sv', 'en'], example: 'en' })
  @IsIn(['sv', 'en'], { message: 'locale must be sv or en' })
  locale!: 'sv' | 'en';
}

class MeResponse implements MeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Eva Lindqvist' }) name!: string;
  @ApiProperty({ example: 'eva.lindqvist@demo.hyrkoll.se' }) email!: string;
  @ApiProperty({ enum: ['sv', 'en'] }) locale!: 'sv' | 'en';
  @ApiProperty({ example: { code: '24', name: 'Region Västerbotten (demo)' } }) region!: {
    code: string;
    name: string;
  };
  @ApiProperty({
    example: [
      { role: 'UNIT_MANAGER', unit: { id: '…', name: 'Hälsocentral Norrböle', costCentre: '120101' } },
    ],
  })
  roles!: RoleAssignmentDto[];
  @ApiProperty({ example: ['order:read', 'order:write'] }) permissions!: Permission[];
  @ApiProperty({ description: 'Send as the x-csrf-token header on every POST, PUT, PATCH and DELETE' })
  csrfToken!: string;
}

class LogoutResponse implements LogoutDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The provider's end-session address to send the browser to (RP-initiated logout), or null",
  })
  providerLogoutUrl!: string | null;
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly config: AppConfig,
  ) {}

  @Post(ApiPath.authLogin)
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with e-mail and password; sets the session cookie (public, rate-limited)',
  })
  @ApiOkResponse({ type: MeResponse })
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
  ): Promise<MeDto> {
    const { token, user } = await this.throttle.attempt('user', request.ip, body.email, () =>
      this.auth.login(body.email, body.password, {
        userAgent: request.headers['user-agent'] ?? null,
        previousToken: request.cookies?.[SESSION_COOKIE],
        requestId: String(request.id),
      }),
    );
    setSessionCookie(request, reply, token, this.config);
    return this.auth.me(user);
  }

  @Post(ApiPath.authLogout)
  @LoggedIn()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "End the session and clear its cookie (needs the CSRF header); a provider's session gets its end-session address",
  })
  @ApiOkResponse({ type: LogoutResponse })
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LogoutDto> {
    const token = request.cookies?.[SESSION_COOKIE];
    const result = token ? await this.auth.logout(token, String(request.id)) : { providerLogoutUrl: null };
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return result;
  }

  @Get(ApiPath.authMe)
  @LoggedIn()
  @ApiOperation({ summary: 'The logged-in user: region, roles with scopes, permissions and the CSRF token' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user);
  }

  @Put(ApiPath.authMeLocale)
  @LoggedIn()
  @HttpCode(204)
  @ApiOperation({
    summary: "Store the logged-in user's own language (sv or en), used after login on any browser",
  })
  @ApiNoContentResponse({ description: 'Stored' })
  async setLocale(@CurrentUser() user: AuthUser, @Body() body: LocaleBody): Promise<void> {
    await this.auth.setLocale(user, body.locale);
  }
}
