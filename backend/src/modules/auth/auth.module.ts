import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';

import { AuthGuard } from '../../common/auth/auth.guard';
import { OperatorSessionResolver } from '../../common/auth/operator-sessions';
import { RouteAccessRegistry } from '../../common/auth/route-access.registry';
import { SessionResolver } from '../../common/auth/sessions';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { BackchannelLogoutService } from './sso/backchannel-logout.service';
import { IdentityProviders } from './sso/identity-providers';
import { SsoController } from './sso/sso.controller';
import { SsoService } from './sso/sso.service';

@Global()
@Module({
  imports: [DiscoveryModule, UsersModule],
  controllers: [AuthController, SsoController],
  providers: [
    AuthService,
    IdentityProviders,
    SsoService,
    BackchannelLogoutService,
    SessionResolver,
    OperatorSessionResolver,
    LoginThrottle,
    RouteAccessRegistry,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, SessionResolver, OperatorSessionResolver, RouteAccessRegistry],
})
export class AuthModule {}
