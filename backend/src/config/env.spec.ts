import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, ENV_VARIABLES, parseEnv } from './env';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hyrkoll',
  REDIS_URL: 'redis://127.0.0.1:6379',
  IDENTITY_HASH_KEY: 'a-secret-of-at-least-thirty-two-characters',
  AUDIT_CHAIN_KEY: 'another-secret-of-thirty-two-characters-or-more',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseEnv', () => {
  it('fills defaults for everything optional', () => {
    const values = parseEnv(valid);
    expect(values.PORT).toBe(3000);
    expect(values.NODE_ENV).toBe('development');
    expect(values.LOG_LEVEL).toBe('info');
    expect(values.QUEUE_PREFIX).toBe('hyrkoll');
  });

  it("takes one region's OpenID provider whole or not at all", () => {
    const provider = {
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      OIDC_REGION: '24',
      OIDC_CLIENT_ID: 'hyrkoll',
      OIDC_CLIENT_SECRET: 'a-client-secret',
    };
    expect(problemsOf({ ...valid, ...provider })).toEqual([]);
    expect(problemsOf({ ...valid, OIDC_CLIENT_ID: 'hyrkoll' })).toEqual([
      'OIDC_CLIENT_ID set without OIDC_ISSUER',
    ]);
    expect(problemsOf({ ...valid, OIDC_ISSUER: provider.OIDC_ISSUER })).toEqual([
      'OIDC_REGION is required with OIDC_ISSUER: the code of the region it signs in',
      'OIDC_CLIENT_ID is required with OIDC_ISSUER',
      'OIDC_ISSUER needs exactly one of OIDC_CLIENT_SECRET, OIDC_CLIENT_SECRET_FILE and OIDC_PRIVATE_KEY_FILE',
    ]);
    expect(problemsOf({ ...valid, ...provider, OIDC_PRIVATE_KEY_FILE: '/run/key.pem' })).toEqual([
      'OIDC_ISSUER needs exactly one of OIDC_CLIENT_SECRET, OIDC_CLIENT_SECRET_FILE and OIDC_PRIVATE_KEY_FILE',
    ]);
    expect(problemsOf({ ...valid, ...provider, OIDC_GROUP_ROLES: '["PURCHASER"]' })).toEqual([
      'OIDC_GROUP_ROLES must be a JSON object such as {"group-id":"PURCHASER"}',
    ]);
    expect(problemsOf({ ...valid, ...provider, OIDC_GROUP_ROLES: '{"g":"PURCHASER"}' })).toEqual([
      'OIDC_GROUP_ROLES needs OIDC_GROUPS_CLAIM: the claim that lists the groups',
    ]);
    expect(problemsOf({ ...valid, ...provider, OIDC_SCOPES: 'profile email' })[0]).toContain('OIDC_SCOPES');
    expect(problemsOf({ ...valid, PASSWORD_LOGIN: 'maybe' })).toEqual([
      'PASSWORD_LOGIN must be one of auto, on, off (got "maybe")',
    ]);
  });

  it('names a missing required variable', () => {
    const { DATABASE_URL: _, ...withoutDatabase } = valid;
    expect(problemsOf(withoutDatabase)).toEqual(['DATABASE_URL is required but not set']);
  });

  it('names each bad variable on its own line, with the value it got', () => {
    const problems = problemsOf({ ...valid, PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'http://x' });
    expect(problems).toEqual([
      'PORT must be an integer from 1 to 65535 (got "eighty")',
      'REDIS_URL must start with redis: or rediss:// (got "http://x")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('refuses a port out of range and a malformed URL', () => {
    expect(problemsOf({ ...valid, PORT: '70000' })[0]).toMatch(/^PORT must be an integer/);
    expect(problemsOf({ ...valid, DATABASE_URL: 'not a url' })[0]).toMatch(/^DATABASE_URL must be a URL/);
  });

  it('takes the HTTP timeouts in seconds and refuses headers allowed longer than the whole request', () => {
    expect(parseEnv(valid)).toMatchObject({
      HTTP_HEADERS_TIMEOUT_SECONDS: 15,
      HTTP_IDLE_TIMEOUT_SECONDS: 20,
      HTTP_REQUEST_TIMEOUT_SECONDS: 600,
      DATABASE_STATEMENT_TIMEOUT_SECONDS: 60,
    });
    expect(problemsOf({ ...valid, HTTP_IDLE_TIMEOUT_SECONDS: '0' })).toEqual([
      'HTTP_IDLE_TIMEOUT_SECONDS must be an integer from 1 to 600 (got "0")',
    ]);
    expect(
      problemsOf({ ...valid, HTTP_HEADERS_TIMEOUT_SECONDS: '30', HTTP_REQUEST_TIMEOUT_SECONDS: '20' }),
    ).toEqual([
      'HTTP_HEADERS_TIMEOUT_SECONDS (30) must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS (20)',
    ]);
  });

  it('needs a random key of the audit chain, another than the identity hash key', () => {
    const { AUDIT_CHAIN_KEY: _, ...withoutKey } = valid;
    expect(problemsOf(withoutKey)).toEqual(['AUDIT_CHAIN_KEY is required but not set']);
    // the value itself is never repeated in the message
    expect(problemsOf({ ...valid, AUDIT_CHAIN_KEY: 'short' })).toEqual([
      'AUDIT_CHAIN_KEY must be a secret of at least 32 characters; set a random secret, e.g. the output of `openssl rand -hex 32`',
    ]);
    expect(
      problemsOf({ ...valid, AUDIT_CHAIN_KEY: 'replace-me-with-a-long-random-audit-chain-key' }),
    ).toEqual([
      'AUDIT_CHAIN_KEY is a placeholder copied from an example; set a random secret, e.g. the output of `openssl rand -hex 32`',
    ]);
    expect(problemsOf({ ...valid, AUDIT_CHAIN_KEY: valid.IDENTITY_HASH_KEY })).toEqual([
      'AUDIT_CHAIN_KEY must not be the same secret as IDENTITY_HASH_KEY',
    ]);
    expect(parseEnv(valid)).toMatchObject({ AUDIT_HEAD_FILE: '', AUDIT_HEAD_EXPORT_MINUTES: 15 });
  });

  it('is listed completely in .env.example', () => {
    const example = readFileSync(join(__dirname, '../../../.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('refuses the placeholder IDENTITY_HASH_KEY of .env.example, other placeholders and keys of little variety', () => {
    const example = readFileSync(join(__dirname, '../../../.env.example'), 'utf8');
    const placeholder = /^IDENTITY_HASH_KEY=(.*)$/m.exec(example)?.[1] ?? '';
    expect(placeholder.length).toBeGreaterThanOrEqual(32);
    expect(problemsOf({ ...valid, IDENTITY_HASH_KEY: placeholder })).toEqual([
      expect.stringMatching(/^IDENTITY_HASH_KEY is a placeholder .*openssl rand -hex 32/),
    ]);
    for (const key of [
      'changeme-changeme-changeme-changeme',
      'REPLACE_ME_with_a_real_secret_value_x',
      'your-secret-key-goes-here-0123456789',
    ]) {
      expect(problemsOf({ ...valid, IDENTITY_HASH_KEY: key })).toEqual([
        expect.stringMatching(/^IDENTITY_HASH_KEY is a placeholder/),
      ]);
    }
    for (const key of ['a'.repeat(40), '0123456789'.repeat(4), 'abababababababababababababababab']) {
      expect(problemsOf({ ...valid, IDENTITY_HASH_KEY: key })).toEqual([
        expect.stringMatching(/^IDENTITY_HASH_KEY has too little variety .*openssl rand -hex 32/),
      ]);
    }
    // what `openssl rand -hex 32` and `npm start` make is accepted
    expect(
      problemsOf({
        ...valid,
        IDENTITY_HASH_KEY: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      }),
    ).toEqual([]);
  });

  it("takes TRUST_PROXY as false, a hop count or the proxies' addresses, and refuses true", () => {
    expect(parseEnv(valid).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...valid, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...valid, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ ...valid, TRUST_PROXY: '172.31.86.2' }).TRUST_PROXY).toEqual(['172.31.86.2']);
    expect(parseEnv({ ...valid, TRUST_PROXY: '10.0.0.0/8, fd00::/8,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    expect(problemsOf({ ...valid, TRUST_PROXY: 'true' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY=true would trust X-Forwarded-For from anyone/),
    ]);
    for (const bad of ['proxy.local', '10.0.0.0/33', '11', '1.2.3']) {
      expect(problemsOf({ ...valid, TRUST_PROXY: bad })).toEqual([
        expect.stringMatching(/^TRUST_PROXY must be false, a hop count from 1 to 10, or/),
      ]);
    }
  });
});
