import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { LOG_DIR } from './app-server';

const SCRIPT = join(__dirname, '../../.ci/lib/oidc-provider.mjs');

/** The client Hyrkoll is at the loopback provider of the journeys. */
export const SSO_CLIENT = { id: 'hyrkoll-e2e', secret: 'the-e2e-client-secret-of-the-loopback-provider' };
export const SSO_LABEL = 'Testleverantören';

/**
 * People at the provider: demo users (linked by the e-mail address the provider vouches for on
 * their first sign-in) and one identity Hyrkoll does not know.
 */
export const SSO_ACCOUNTS = {
  eva: { name: 'Eva Lindqvist', email: 'eva.lindqvist@demo.hyrkoll.se', hsa_id: 'SE2321000222-E2E01' },
  okand: {
    name: 'Olle Okänd',
    email: 'olle.okand@example.se',
    hsa_id: 'SE2321000222-E2E99',
    groups: ['hyrkoll-inkop'],
  },
};

/** Starts the reference OpenID provider on loopback for the journeys; resolves with its issuer. */
export async function startSsoProvider(appBaseUrl: string): Promise<{ issuer: string; pid: number }> {
  mkdirSync(LOG_DIR, { recursive: true });
  const settings = {
    client: {
      ...SSO_CLIENT,
      redirectUris: [`${appBaseUrl}/api/auth/oidc/callback`],
      postLogoutRedirectUris: [`${appBaseUrl}/login`],
      backchannelLogoutUri: `${appBaseUrl}/api/auth/oidc/24/backchannel-logout`,
    },
    accounts: SSO_ACCOUNTS,
  };
  const child = spawn(process.execPath, [SCRIPT], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OIDC_PROVIDER_SETTINGS: JSON.stringify(settings) },
  });
  child.stderr.pipe(createWriteStream(join(LOG_DIR, 'oidc-provider.log')));
  const issuer = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve((JSON.parse(line) as { issuer: string }).issuer),
    );
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code})`)));
  });
  return { issuer, pid: child.pid ?? 0 };
}
