import { tmpdir } from 'node:os';

import { Env, EnvValues, LogLevel, parseEnv } from './env';

/** A region's identity provider as the environment configures it (one region per deployment). */
export interface EnvProvider {
  regionCode: string;
  label: string;
  issuer: string;
  clientId: string;
  /**
   * How the client authenticates, and where its secret or private key is: `env:NAME` or
   * `file:/path`, or (from OIDC_CLIENT_SECRET) the secret itself, never stored anywhere.
   */
  secret: {
    kind: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
    ref: string;
    value?: string;
  };
  scopes: string;
  userClaim: string;
  groupsClaim: string | null;
  groupRoles: Record<string, string>;
  /** Whether a first sign-in may link a user by the e-mail address the provider gives (decision 024). */
  emailLink: 'verified' | 'trusted' | 'off';
}

/** Typed configuration, grouped by concern. Built once from the environment. */
export class AppConfig {
  /** Version of this build; webpack writes it in from package.json ("dev" when run from source). */
  readonly version = process.env['HYRKOLL_VERSION'] ?? 'dev';
  readonly env: EnvValues['NODE_ENV'];
  readonly http: {
    host: string;
    port: number;
    publicUrl: string;
    /** Whom to believe about the client's address: nobody, a hop count, or the proxies' addresses. */
    trustProxy: false | number | string[];
    frontendDist: string;
    /** Limits on how long a client may take to send a request (docs/operations.md). */
    timeouts: { headersMs: number; idleMs: number; requestMs: number };
  };
  /**
   * `url`: the application's role (API, worker, CLI reads); `ownerUrl`: the owner of the tables,
   * only for `cli.js migrate` (decision 022).
   */
  readonly database: {
    url: string;
    ownerUrl: string;
    poolSize: number;
    ssl: boolean;
    statementTimeoutMs: number;
  };
  /**
   * Imports (docs/operations.md, "Timeouts" and "Uploads"): the statement timeout of the bulk
   * statements of the import and rollup work (the staging COPY, the worker's validation COPY, the
   * write, the rollups), the uploads one API process receives at once, and where an upload is
   * kept on disk until it is staged.
   */
  readonly imports: { statementTimeoutMs: number; maxConcurrentUploads: number; uploadDir: string };
  readonly redis: { url: string; queuePrefix: string };
  readonly log: { level: LogLevel };
  readonly worker: { heartbeatSeconds: number };
  readonly session: { idleMinutes: number; maxHours: number };
  /** Key of the HMAC that turns identity numbers into the hashes stored for karens checks. */
  readonly identityHashKey: string;
  /**
   * The audit chain (decision 022): the key of its HMAC, the file its heads are appended to
   * (none: the log only) and how often they are written out.
   */
  readonly audit: { chainKey: string; headFile: string; headExportMinutes: number };
  /**
   * SMTP for e-mail; without SMTP_URL each mail is written as an .eml file into `dir` (MAIL_DIR);
   * without either, mails are not delivered (see `mailDelivery`).
   */
  readonly mail: { smtpUrl: string; from: string; dir: string };
  /**
   * Sign-in (decision 024): whether passwords work (`auto`: off in production once a provider is
   * configured), and the provider configured by the environment for one region, if any.
   */
  readonly login: { password: 'auto' | 'on' | 'off'; oidc: EnvProvider | null };

  constructor(values: EnvValues) {
    this.env = values.NODE_ENV;
    this.http = {
      host: values.HOST,
      port: values.PORT,
      publicUrl: values.PUBLIC_URL || `http://localhost:${values.PORT}`,
      trustProxy: values.TRUST_PROXY,
      frontendDist: values.FRONTEND_DIST,
      timeouts: {
        headersMs: values.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
        idleMs: values.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
        requestMs: values.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      },
    };
    this.database = {
      url: values.DATABASE_URL,
      ownerUrl: values.DATABASE_OWNER_URL,
      poolSize: values.DATABASE_POOL_SIZE,
      ssl: values.DATABASE_SSL,
      statementTimeoutMs: values.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
    };
    this.imports = {
      statementTimeoutMs: values.IMPORT_STATEMENT_TIMEOUT_SECONDS * 1000,
      maxConcurrentUploads: values.IMPORT_MAX_CONCURRENT_UPLOADS,
      uploadDir: values.IMPORT_UPLOAD_DIR || tmpdir(),
    };
    this.redis = { url: values.REDIS_URL, queuePrefix: values.QUEUE_PREFIX };
    this.log = { level: values.LOG_LEVEL };
    this.worker = { heartbeatSeconds: values.WORKER_HEARTBEAT_SECONDS };
    this.session = { idleMinutes: values.SESSION_IDLE_MINUTES, maxHours: values.SESSION_MAX_HOURS };
    this.identityHashKey = values.IDENTITY_HASH_KEY;
    this.audit = {
      chainKey: values.AUDIT_CHAIN_KEY,
      headFile: values.AUDIT_HEAD_FILE,
      headExportMinutes: values.AUDIT_HEAD_EXPORT_MINUTES,
    };
    this.mail = { smtpUrl: values.SMTP_URL, from: values.MAIL_FROM, dir: values.MAIL_DIR };
    this.login = {
      password: values.PASSWORD_LOGIN,
      oidc: values.OIDC_ISSUER
        ? {
            regionCode: values.OIDC_REGION,
            label: values.OIDC_LABEL || 'e-tjänstekort',
            issuer: values.OIDC_ISSUER,
            clientId: values.OIDC_CLIENT_ID,
            secret: values.OIDC_PRIVATE_KEY_FILE
              ? { kind: 'private_key_jwt', ref: `file:${values.OIDC_PRIVATE_KEY_FILE}` }
              : {
                  kind: 'client_secret_basic',
                  ref: values.OIDC_CLIENT_SECRET_FILE
                    ? `file:${values.OIDC_CLIENT_SECRET_FILE}`
                    : 'env:OIDC_CLIENT_SECRET',
                  ...(values.OIDC_CLIENT_SECRET && { value: values.OIDC_CLIENT_SECRET }),
                },
            scopes: values.OIDC_SCOPES,
            userClaim: values.OIDC_USER_CLAIM,
            groupsClaim: values.OIDC_GROUPS_CLAIM || null,
            groupRoles: values.OIDC_GROUP_ROLES,
            emailLink: values.OIDC_EMAIL_LINK,
          }
        : null,
    };
  }

  static fromEnv(env: Env = process.env): AppConfig {
    return new AppConfig(parseEnv(env));
  }
}

/** How the worker delivers e-mail: through SMTP_URL, into MAIL_DIR as files, or not at all. */
export function mailDelivery(config: AppConfig): 'smtp' | 'folder' | 'none' {
  if (config.mail.smtpUrl) return 'smtp';
  return config.mail.dir ? 'folder' : 'none';
}
