import { ApiPath, LoginMethodsDto, NoAccessDto, SESSION_COOKIE, SsoOutcome } from '@hyrkoll/contracts';
import { Body, Controller, Get, HttpCode, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { Public } from '../../../common/auth/access.decorators';
import { DomainError } from '../../../common/errors/domain-error';
import { AppConfig } from '../../../config/app-config';
import { setSessionCookie } from '../session-cookie';
import { BackchannelLogoutService } from './backchannel-logout.service';
import { attemptIdsOf, withAttempt } from './sign-in-address';
import { SsoService } from './sso.service';

/** The cookie that ties the provider's answer to the browser that started the sign-in. */
export const SSO_ATTEMPT_COOKIE = 'hyrkoll_sso';
const SSO_COOKIE_PATH = '/api/auth/oidc';

export class RegionParam {
  @ApiProperty({ example: '24', description: 'The region (county) code' })
  @Matches(/^\d{2}$/, { message: 'region must be a region code of two digits' })
  region!: string;
}

export class StartQuery {
  @ApiPropertyOptional({
    example: '/orders',
    description: 'Where to go after signing in: a path of the site (anything else, or too long, goes to /)',
  })
  @IsOptional()
  @IsString()
  returnUrl?: string;

  @ApiPropertyOptional({
    enum: ['login'],
    description: 'login: the provider asks who signs in even when it knows the browser (another person)',
  })
  @IsOptional()
  @IsIn(['login'], { message: 'prompt must be login' })
  prompt?: 'login';
}

export class NoAccessQuery {
  @ApiProperty({ description: 'The reference the sign-in handed over' })
  @Matches(/^[\w-]{10,64}$/, { message: 'ref must be the reference from the sign-in' })
  ref!: string;
}

export class BackchannelLogoutBody {
  @ApiProperty({ description: 'The logout token (a JWT signed by the provider)' })
  @MaxLength(8000)
  @IsString()
  logout_token!: string;
}

class LoginMethodsResponse implements LoginMethodsDto {
  @ApiProperty() password!: boolean;
  @ApiProperty({
    example: [
      {
        region: { code: '24', name: 'Region Västerbotten' },
        label: 'SITHS-kort',
        loginUrl: '/api/auth/oidc/24/login',
      },
    ],
  })
  providers!: LoginMethodsDto['providers'];
}

class NoAccessResponse implements NoAccessDto {
  @ApiProperty({ enum: ['no-access', 'inactive'] }) outcome!: 'no-access' | 'inactive';
  @ApiProperty() region!: { code: string; name: string };
  @ApiProperty({ example: 'Nina Nyström' }) name!: string;
  @ApiProperty({ example: [{ name: 'Anders Sjöberg', email: 'anders.sjoberg@demo.hyrkoll.se' }] })
  administrators!: { name: string; email: string }[];
}

/** Sign-in through the region's identity provider (OpenID Connect, decision 024). */
@ApiTags('auth')
@Controller()
export class SsoController {
  private readonly logger = new Logger(SsoController.name);

  constructor(
    private readonly sso: SsoService,
    private readonly backchannel: BackchannelLogoutService,
    private readonly config: AppConfig,
  ) {}

  @Get(ApiPath.authMethods)
  @Public()
  @ApiOperation({
    summary: 'How one signs in here: passwords, and the regions with an identity provider (public)',
  })
  @ApiOkResponse({ type: LoginMethodsResponse })
  methods(): Promise<LoginMethodsDto> {
    return this.sso.methods();
  }

  @Get(ApiPath.authOidcLogin)
  @Public()
  @ApiOperation({
    summary: "Start signing in through the region's identity provider: redirects there (public)",
  })
  @ApiFoundResponse({ description: "To the provider; to /login?sso=unavailable when it can't be reached" })
  @ApiNotFoundResponse({ description: 'SSO_NOT_CONFIGURED: the region has no provider' })
  async start(
    @Param() params: RegionParam,
    @Query() query: StartQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // the sign-in's cookie must be set on the host the provider sends the browser back to
    const publicUrl = new URL(this.config.http.publicUrl);
    if (request.headers.host && request.headers.host !== publicUrl.host) {
      this.redirect(reply, `${publicUrl.origin}${request.url}`);
      return;
    }
    let started: { url: string; attemptId: string };
    try {
      started = await this.sso.start(params.region, query.returnUrl, query.prompt);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.logger.error(
        `region ${params.region}: the identity provider cannot be used: ${(error as Error).message}`,
      );
      this.redirect(reply, `/login/${params.region}?sso=${SsoOutcome.UNAVAILABLE}`);
      return;
    }
    this.keepAttempts(request, reply, withAttempt(request.cookies?.[SSO_ATTEMPT_COOKIE], started.attemptId));
    this.redirect(reply, started.url);
  }

  @Get(ApiPath.authOidcCallback)
  @Public()
  @ApiOperation({
    summary: "The provider's answer: opens the session and redirects to where the sign-in began (public)",
  })
  @ApiFoundResponse({
    description: 'To the return address; to /login?sso=<outcome> or /login/no-access?ref=… when refused',
  })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const currentUrl = new URL(request.url, this.config.http.publicUrl);
    const result = await this.sso.callback(attemptIdsOf(request.cookies?.[SSO_ATTEMPT_COOKIE]), currentUrl, {
      userAgent: request.headers['user-agent'] ?? null,
      previousToken: request.cookies?.[SESSION_COOKIE],
      requestId: String(request.id),
    });
    // the browser's other sign-ins (other tabs) can still finish
    if (result.pending.length > 0) this.keepAttempts(request, reply, result.pending.join('.'));
    else void reply.clearCookie(SSO_ATTEMPT_COOKIE, { path: SSO_COOKIE_PATH });
    if (result.kind === 'session') {
      setSessionCookie(request, reply, result.token, this.config);
      this.redirect(reply, result.returnUrl);
    } else if (result.ref) {
      this.redirect(reply, `/login/no-access?ref=${result.ref}`);
    } else {
      // the region's own login page, when the sign-in got far enough to name it
      this.redirect(reply, `/login${result.regionCode ? `/${result.regionCode}` : ''}?sso=${result.outcome}`);
    }
  }

  @Get(ApiPath.authNoAccess)
  @Public()
  @ApiOperation({ summary: 'What the page for an identity without access shows, and whom to ask (public)' })
  @ApiOkResponse({ type: NoAccessResponse })
  @ApiNotFoundResponse({ description: 'The reference is unknown or more than ten minutes old' })
  noAccess(@Query() query: NoAccessQuery): Promise<NoAccessDto> {
    return this.sso.noAccess(query.ref);
  }

  @Post(ApiPath.authOidcBackchannelLogout)
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The provider ends its user's sessions (OpenID Connect Back-Channel Logout, form-encoded; public)",
  })
  @ApiOkResponse({
    description: 'The sessions the token names are ended (an empty body)',
    schema: { type: 'string', maxLength: 0 },
  })
  @ApiBadRequestResponse({ description: 'LOGOUT_TOKEN_INVALID' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  async backchannelLogout(
    @Param() params: RegionParam,
    @Body() body: BackchannelLogoutBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    void reply.header('cache-control', 'no-store');
    await this.backchannel.logout(params.region, body.logout_token, String(request.id));
  }

  /** The browser's sign-ins waiting for the provider's answer, as one cookie. */
  private keepAttempts(request: FastifyRequest, reply: FastifyReply, value: string): void {
    void reply.setCookie(SSO_ATTEMPT_COOKIE, value, {
      httpOnly: true,
      // sent along when the provider sends the browser back (a top-level GET from another site)
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: SSO_COOKIE_PATH,
      maxAge: 600,
    });
  }

  private redirect(reply: FastifyReply, location: string): void {
    void reply.header('cache-control', 'no-store').redirect(location, 302);
  }
}
