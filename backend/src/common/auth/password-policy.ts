import type { EntityManager } from 'typeorm';

import type { AppConfig } from '../../config/app-config';

type Runner = Pick<EntityManager, 'query'>;

/**
 * Whether passwords work (decision 024): `PASSWORD_LOGIN=on` everywhere, `off` nowhere, and
 * `auto` (the default) everywhere but in the regions that sign in through their own provider, so
 * that leaving the provider ends access there. For a region (`regionId`), or, without one, for
 * the login page: whether any region still uses passwords.
 */
export async function passwordsAllowed(
  config: AppConfig,
  m: Runner,
  regionId: string | null,
): Promise<boolean> {
  const setting = config.login.password;
  if (setting !== 'auto') return setting === 'on';
  const envRegion = config.login.oidc?.regionCode ?? null;
  const [row] = await m.query<{ allowed: boolean }[]>(
    `SELECT EXISTS (
       SELECT 1 FROM regions r
        WHERE ($1::uuid IS NULL OR r.id = $1)
          AND r.code IS DISTINCT FROM $2
          AND NOT EXISTS (SELECT 1 FROM identity_providers p WHERE p.region_id = r.id)) AS allowed`,
    [regionId, envRegion],
  );
  return row?.allowed ?? true;
}
