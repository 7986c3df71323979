import { AuditEntity } from '@hyrkoll/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { REDIS } from '../../../common/redis/redis.module';
import { AppConfig } from '../../../config/app-config';
import { AuditService } from '../../audit/audit.service';
import { IdentityProviders } from './identity-providers';
import { invalidLogoutToken, verifyLogoutToken } from './logout-token';
import { deleteProviderSessions } from './sso.queries';

/** How long a logout token's `jti` is remembered: past the token's largest accepted age. */
const JTI_SECONDS = 10 * 60;

/**
 * The provider ends sessions (OpenID Connect Back-Channel Logout 1.0, decision 024): a signed
 * logout token names the provider's session (`sid`) or the subject (`sub`); each is used once.
 */
@Injectable()
export class BackchannelLogoutService {
  constructor(
    private readonly config: AppConfig,
    private readonly providers: IdentityProviders,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async logout(regionCode: string, logoutToken: unknown, requestId: string): Promise<void> {
    const settings = await this.providers.required(regionCode);
    const client = await this.providers.client(settings);
    const token = await verifyLogoutToken(client.serverMetadata(), settings.clientId, logoutToken);
    const key = `${this.config.redis.queuePrefix}:oidc:logout-jti:${token.jti}`;
    if ((await this.redis.set(key, '1', 'EX', JTI_SECONDS, 'NX')) === null) {
      throw invalidLogoutToken('its jti was used before (a replay)');
    }
    await this.dataSource.transaction(async (manager) => {
      const ended = await deleteProviderSessions(manager, settings.regionId, {
        sid: token.sid,
        sub: token.sub,
      });
      const sessionsOf = new Map<string, { name: string; sessions: number }>();
      for (const e of ended) {
        const user = sessionsOf.get(e.user_id) ?? { name: e.name, sessions: 0 };
        sessionsOf.set(e.user_id, { ...user, sessions: user.sessions + 1 });
      }
      for (const [userId, { name, sessions }] of sessionsOf) {
        await this.audit.record(
          manager,
          { regionId: settings.regionId, userId, name, requestId },
          {
            action: 'auth.logout',
            entityType: AuditEntity.USER,
            entityId: userId,
            after: { method: 'oidc', by: 'back-channel', sessions },
          },
        );
      }
    });
  }
}
