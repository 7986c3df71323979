import { isIP } from 'node:net';

/**
 * The environment variables Hyrkoll reads, validated once at start-up.
 * Each problem is reported as one line naming the variable, and start-up stops.
 * `.env.example` lists every variable; keep the two in step.
 */
export type Env = Record<string, string | undefined>;

type Parser<T> = (raw: string | undefined, name: string) => T;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

class Problem extends Error {}

function describe(raw: string): string {
  return raw.length > 60 ? `${JSON.stringify(raw.slice(0, 60))}…` : JSON.stringify(raw);
}

function optional<T>(parse: (raw: string, name: string) => T, fallback: T): Parser<T> {
  return (raw, name) => (raw === undefined || raw.trim() === '' ? fallback : parse(raw.trim(), name));
}

function required<T>(parse: (raw: string, name: string) => T): Parser<T> {
  return (raw, name) => {
    if (raw === undefined || raw.trim() === '') {
      throw new Problem(`${name} is required but not set`);
    }
    return parse(raw.trim(), name);
  };
}

function integer(min: number, max: number) {
  return (raw: string, name: string): number => {
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new Problem(`${name} must be an integer from ${min} to ${max} (got ${describe(raw)})`);
    }
    return Number(raw);
  };
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: string, name: string): T => {
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new Problem(`${name} must be one of ${allowed.join(', ')} (got ${describe(raw)})`);
    }
    return raw as T;
  };
}

function boolean(raw: string, name: string): boolean {
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new Problem(`${name} must be true or false (got ${describe(raw)})`);
}

function url(protocols: readonly string[]) {
  return (raw: string, name: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Problem(`${name} must be a URL such as ${protocols[0]}//host:port/… (got ${describe(raw)})`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new Problem(`${name} must start with ${protocols.join(' or ')}// (got ${describe(raw)})`);
    }
    return raw;
  };
}

function text(pattern: RegExp, hint: string) {
  return (raw: string, name: string): string => {
    if (!pattern.test(raw)) {
      throw new Problem(`${name} must be ${hint} (got ${describe(raw)})`);
    }
    return raw;
  };
}

/** Proxies' addresses as proxy-addr names them, besides IP addresses and CIDR ranges. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * Whom to believe about the client's address (`X-Forwarded-For`): nobody (`false`), the nearest
 * `n` proxies (a hop count), or the proxies at these addresses or ranges. `true` (everyone) is
 * refused: anyone who reaches the port could then choose the address the login limit counts.
 */
function trustProxy(raw: string, name: string): false | number | string[] {
  if (raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') {
    throw new Problem(
      `${name}=true would trust X-Forwarded-For from anyone; name the reverse proxy's address or range (e.g. 172.31.86.2 or 10.0.0.0/8) or its hop count (1)`,
    );
  }
  if (/^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 10) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  if (!entries.every(isAddressOrRange)) {
    throw new Problem(
      `${name} must be false, a hop count from 1 to 10, or IP addresses and CIDR ranges separated by commas (got ${describe(raw)})`,
    );
  }
  return entries;
}

/** Words that only a value copied from an example has. */
const PLACEHOLDER =
  /change[-_ ]?me|replace[-_ ]?me|placeholder|your[-_ ]?(secret|key)|example|not[-_ ]?a[-_ ]?secret/i;

/** The smallest period of a text that repeats a shorter part ('abab…' → 2), else its length. */
function periodOf(text: string): number {
  for (let period = 1; period <= text.length / 2; period++) {
    let repeats = true;
    for (let i = period; i < text.length && repeats; i++) repeats = text[i] === text[i - period];
    if (repeats) return period;
  }
  return text.length;
}

/**
 * A secret key: at least 32 characters, not a placeholder copied from an example, and not of so
 * little variety (a repeated part, a run such as `abcdef…`, few different characters) that it can
 * be guessed. The value is never repeated in the message.
 */
function secretKey(raw: string, name: string): string {
  const advice = 'set a random secret, e.g. the output of `openssl rand -hex 32`';
  if (raw.length < 32) throw new Problem(`${name} must be a secret of at least 32 characters; ${advice}`);
  if (PLACEHOLDER.test(raw)) throw new Problem(`${name} is a placeholder copied from an example; ${advice}`);
  let steps = 0;
  for (let i = 1; i < raw.length; i++) if (raw.charCodeAt(i) - raw.charCodeAt(i - 1) === 1) steps++;
  if (new Set(raw).size < 8 || periodOf(raw) <= raw.length / 2 || steps > raw.length / 2) {
    throw new Problem(
      `${name} has too little variety (a repeated part, a run or few different characters); ${advice}`,
    );
  }
  return raw;
}

function jsonObject(raw: string, name: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Problem(
      `${name} must be a JSON object such as {"group-id":"PURCHASER"} (got ${describe(raw)})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Problem(`${name} must be a JSON object such as {"group-id":"PURCHASER"}`);
  }
  for (const [key, role] of Object.entries(value)) {
    if (typeof role !== 'string')
      throw new Problem(`${name}: the role of ${JSON.stringify(key)} must be text`);
  }
  return value as Record<string, string>;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const schema = {
  NODE_ENV: optional(oneOf(['development', 'production', 'test'] as const), 'development'),
  HOST: optional(text(/^[\w.:-]+$/, 'a host name or IP address'), '127.0.0.1'),
  PORT: optional(integer(1, 65535), 3000),
  PUBLIC_URL: optional(url(['http:', 'https:']), ''),
  TRUST_PROXY: optional(trustProxy, false),
  HTTP_HEADERS_TIMEOUT_SECONDS: optional(integer(1, 600), 15),
  HTTP_IDLE_TIMEOUT_SECONDS: optional(integer(1, 600), 20),
  HTTP_REQUEST_TIMEOUT_SECONDS: optional(integer(1, 24 * 3600), 600),
  DATABASE_URL: required(url(['postgres:', 'postgresql:'])),
  DATABASE_OWNER_URL: optional(url(['postgres:', 'postgresql:']), ''),
  DATABASE_POOL_SIZE: optional(integer(1, 200), 10),
  DATABASE_SSL: optional(boolean, false),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: optional(integer(1, 3600), 60),
  IMPORT_STATEMENT_TIMEOUT_SECONDS: optional(integer(1, 24 * 3600), 1800),
  IMPORT_MAX_CONCURRENT_UPLOADS: optional(integer(1, 100), 4),
  IMPORT_UPLOAD_DIR: optional((raw) => raw, ''),
  REDIS_URL: required(url(['redis:', 'rediss:'])),
  QUEUE_PREFIX: optional(text(/^[a-z][a-z0-9_-]{0,40}$/, 'lower-case letters, digits, - or _'), 'hyrkoll'),
  LOG_LEVEL: optional(oneOf(LOG_LEVELS), 'info'),
  FRONTEND_DIST: optional((raw) => raw, ''),
  WORKER_HEARTBEAT_SECONDS: optional(integer(1, 300), 5),
  SMTP_URL: optional(url(['smtp:', 'smtps:']), ''),
  MAIL_FROM: optional((raw) => raw, 'Hyrkoll <no-reply@hyrkoll.invalid>'),
  MAIL_DIR: optional((raw) => raw, ''),
  IDENTITY_HASH_KEY: required(secretKey),
  AUDIT_CHAIN_KEY: required(secretKey),
  AUDIT_HEAD_FILE: optional((raw) => raw, ''),
  AUDIT_HEAD_EXPORT_MINUTES: optional(integer(1, 24 * 60), 15),
  SESSION_IDLE_MINUTES: optional(integer(1, 24 * 60), 30),
  SESSION_MAX_HOURS: optional(integer(1, 24 * 7), 12),
  PASSWORD_LOGIN: optional(oneOf(['auto', 'on', 'off'] as const), 'auto'),
  OIDC_REGION: optional(text(/^\d{2}$/, 'a region (county) code of two digits, e.g. 24'), ''),
  OIDC_ISSUER: optional(url(['https:', 'http:']), ''),
  OIDC_CLIENT_ID: optional(text(/^\S{1,400}$/, 'a client id without spaces'), ''),
  OIDC_CLIENT_SECRET: optional((raw) => raw, ''),
  OIDC_CLIENT_SECRET_FILE: optional((raw) => raw, ''),
  OIDC_PRIVATE_KEY_FILE: optional((raw) => raw, ''),
  OIDC_SCOPES: optional(
    text(/(^| )openid( |$)/, 'scopes separated by spaces, openid among them'),
    'openid profile email',
  ),
  OIDC_USER_CLAIM: optional(
    text(/^[A-Za-z0-9_:./-]{1,100}$/, 'a claim name such as sub, email or hsa_id'),
    'sub',
  ),
  OIDC_GROUPS_CLAIM: optional(text(/^[A-Za-z0-9_:./-]{1,100}$/, 'a claim name such as groups'), ''),
  OIDC_GROUP_ROLES: optional(jsonObject, {}),
  OIDC_EMAIL_LINK: optional(oneOf(['verified', 'trusted', 'off'] as const), 'verified'),
  OIDC_LABEL: optional(text(/^.{1,80}$/, 'a label of at most 80 characters'), ''),
} satisfies Record<string, Parser<unknown>>;

type Schema = typeof schema;
export type EnvValues = { [K in keyof Schema]: ReturnType<Schema[K]> };
export const ENV_VARIABLES = Object.keys(schema) as (keyof Schema)[];

/** Reads and checks every variable; throws one ConfigError listing every problem found. */
export function parseEnv(env: Env): EnvValues {
  const problems: string[] = [];
  const values: Partial<Record<keyof Schema, unknown>> = {};
  for (const name of ENV_VARIABLES) {
    try {
      values[name] = schema[name](env[name], name);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      problems.push(error.message);
    }
  }
  const { HTTP_HEADERS_TIMEOUT_SECONDS: headers, HTTP_REQUEST_TIMEOUT_SECONDS: request } = values;
  if (typeof headers === 'number' && typeof request === 'number' && headers > request) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_SECONDS (${headers}) must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS (${request})`,
    );
  }
  if (values.AUDIT_CHAIN_KEY !== undefined && values.AUDIT_CHAIN_KEY === values.IDENTITY_HASH_KEY) {
    problems.push('AUDIT_CHAIN_KEY must not be the same secret as IDENTITY_HASH_KEY');
  }
  problems.push(...oidcProblems(values));
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return values as EnvValues;
}

/** The environment's provider (decision 024) is all there or not there at all. */
function oidcProblems(values: Partial<Record<keyof Schema, unknown>>): string[] {
  if (!values.OIDC_ISSUER) {
    const stray = ENV_VARIABLES.filter(
      (n) =>
        n.startsWith('OIDC_') &&
        n !== 'OIDC_SCOPES' &&
        n !== 'OIDC_USER_CLAIM' &&
        n !== 'OIDC_GROUP_ROLES' &&
        n !== 'OIDC_EMAIL_LINK' &&
        values[n],
    );
    return stray.length > 0 ? [`${stray.join(', ')} set without OIDC_ISSUER`] : [];
  }
  const problems: string[] = [];
  if (!values.OIDC_REGION)
    problems.push('OIDC_REGION is required with OIDC_ISSUER: the code of the region it signs in');
  if (!values.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER');
  const secrets = [
    values.OIDC_CLIENT_SECRET,
    values.OIDC_CLIENT_SECRET_FILE,
    values.OIDC_PRIVATE_KEY_FILE,
  ].filter(Boolean);
  if (secrets.length !== 1) {
    problems.push(
      'OIDC_ISSUER needs exactly one of OIDC_CLIENT_SECRET, OIDC_CLIENT_SECRET_FILE and OIDC_PRIVATE_KEY_FILE',
    );
  }
  if (
    values.OIDC_GROUP_ROLES &&
    Object.keys(values.OIDC_GROUP_ROLES).length > 0 &&
    !values.OIDC_GROUPS_CLAIM
  ) {
    problems.push('OIDC_GROUP_ROLES needs OIDC_GROUPS_CLAIM: the claim that lists the groups');
  }
  return problems;
}
