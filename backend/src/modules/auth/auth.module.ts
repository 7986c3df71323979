import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';

import { AuthGuard } from '../../common/auth/auth.guard';
import { OperatorSessionResolver } from '../../common/auth/operator-sessions';
import { RouteAccessRegistry } from '../../common/auth/route-access.registry';
import { SessionResolver } from '../../common/auth/sessions';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';

@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionResolver,
    OperatorSessionResolver,
    LoginThrottle,
    RouteAccessRegistry,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, SessionResolver, OperatorSessionResolver, RouteAccessRegistry],
})
export class AuthModule {}
