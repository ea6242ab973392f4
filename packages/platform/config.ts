import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Configuration is read from the environment once, validated and typed here.
 * Nothing else in Sen reads `process.env`.
 */
export interface Config {
  port: number;
  host: string;
  /** Public base URL of the platform, as browsers reach it. */
  publicUrl: string;
  /** PostgreSQL connection string; when absent Sen runs on embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Local blob directory, or `memory://` (with an in-memory database) for tests. */
  blobDir: string;
  logLevel: string;
  /** Start the sandboxes of national systems next to the platform. */
  sandbox: boolean;
  sandboxPort: number;
  /** SMTP port of the mail sandbox (mail capture). */
  sandboxSmtpPort: number;
  /** Bearer token of the sandboxes' admin API (faults, tester actions). */
  sandboxAdminToken: string;
  /** Load demo accounts (never in production). */
  demo: boolean;
  /**
   * HMAC key from which each dossier's public look-up secret is derived (so a receipt can be
   * reprinted). Must stay the same across restarts and replicas; required outside demo mode.
   */
  lookupKey: string;
  /** Secret for signing cookies; generated per process when absent (fine for one replica only). */
  cookieSecret: string;
  /**
   * Key outside the database that encrypts secrets at rest and keys the audit chain
   * (`SEN_MASTER_KEY`); required outside demo mode. In demo mode it is generated once and kept in
   * `$SEN_DATA_DIR/master.key` (per process with an in-memory data directory).
   */
  masterKey: string;
  /** Evidence for the audit trail kept outside the database (docs/decisions/0014-audit-evidence.md). */
  audit: {
    /** Directory of signed checkpoints (`memory://` with an in-memory data directory). */
    checkpointDir: string;
    /** A checkpoint at least this often while records are written… */
    checkpointIntervalMs: number;
    /** …or after this many records. */
    checkpointRecords: number;
    /** RFC 3161 time-stamping authority; undefined (`AUDIT_TSA_URL=off`) leaves checkpoints unstamped. */
    tsaUrl: string | undefined;
  };
  vneid: { issuer: string; clientId: string; clientSecret: string };
  /** Outbound mail (notices to applicants); defaults to the mail sandbox. */
  mail: { smtpUrl: string; from: string };
  /** Brandname SMS gateway; defaults to the SMS sandbox. */
  sms: { apiUrl: string; clientId: string; apiKey: string; brandname: string };
  /**
   * The national portal (DVCQG): the secret its dossier pushes are signed with, and Sen's
   * OAuth client for synchronising dossiers to it (defaults: the DVCQG sandbox).
   */
  dvcqg: { pushSecret: string; apiUrl: string; clientId: string; clientSecret: string };
  /** Uploads never attached to a dossier (nor kept by a saved draft) are swept after this many hours. */
  uploadRetentionHours: number;
  /**
   * The national online-payment platform (defaults to the payment sandbox): merchant code and
   * secret, how old a signed notification may be, and the account bank transfers go to (VietQR).
   */
  payment: {
    apiUrl: string;
    merchantCode: string;
    secret: string;
    notificationToleranceSeconds: number;
    transferAccount: { bankBin: string; accountNumber: string; accountName: string } | undefined;
  };
  /**
   * Signed results (modules/signing): the CA's registration-authority API that certifies the
   * agencies' signing keys, the TSA of the signatures' time stamps, and the root certificate
   * that verification trusts (defaults: the CA sandbox).
   */
  signing: { caApiUrl: string; caClientId: string; caApiKey: string; tsaUrl: string; trustedRootUrl: string };
  /** Seconds between two seals of the LGSP message log (signed, time-stamped; decision 0032). */
  lgspSealSeconds: number;
  /**
   * Vietnam Post (defaults to the VNPost sandbox): OAuth client, the secret of its signed
   * tracking webhooks, and the one-stop desks' contact phone printed on postal orders.
   */
  vnpost: { apiUrl: string; clientId: string; clientSecret: string; webhookSecret: string; senderPhone: string };
  /**
   * The national data exchange NDXP, LGSP's upstream for national services (defaults: the NDXP
   * sandbox): the hub's URL, the province's client subsystem there and the key that authenticates it.
   */
  ndxp: { url: string; client: string; clientKey: string };
  /**
   * Once-only data (tthc as an LGSP consumer): the gateway and token endpoint it calls (defaults:
   * this platform's own), its service client, and where the national services' OpenAPI documents
   * are read when they are registered at start-up (defaults: the sandboxes). `register`: register
   * the subsystem, services and rights at start-up when missing (default: with the sandboxes).
   */
  onceOnly: { gatewayUrl: string; tokenUrl: string; clientId: string; clientSecret: string; populationOpenApiUrl: string; businessOpenApiUrl: string; register: boolean };
  /** The national API exchange V-APEX, where LGSP publishes the province's chosen services (defaults: the V-APEX sandbox). */
  vapex: { apiUrl: string; clientId: string; clientSecret: string };
  bodyLimitBytes: number;
  /** Password sign-in attempts per address per minute (high: a whole office shares one NAT address). */
  signInRateLimitPerMinute: number;
  /** LGSP gateway: messages per minute per consumer subsystem, and per service (all consumers together); 0 = no limit. */
  lgspConsumerLimitPerMinute: number;
  lgspServiceLimitPerMinute: number;
  /**
   * How the LGSP message log commits (decision 0042): `durable` (default) waits for each group's WAL
   * flush; `async` does not (synchronous_commit off for the log's statements only) — still safe if
   * the gateway is killed, but a PostgreSQL crash may lose the last fraction of a second of records.
   */
  lgspLogCommit: 'durable' | 'async';
  /**
   * Archiving of the LGSP message log (decision 0049): records older than `lgspLogArchiveAfterDays`
   * (`LGSP_LOG_ARCHIVE_AFTER_DAYS`, 30 like X-Road's keep-records-for) and sealed move to archive files
   * in `lgspLogArchiveDir` (`LGSP_LOG_ARCHIVE_DIR`, default `$SEN_DATA_DIR/lgsp-archive`), never deleted
   * by Sen; operational-monitoring records are deleted after `lgspOpmonKeepDays` (`LGSP_OPMON_KEEP_DAYS`, 7).
   */
  lgspLogArchiveDir: string;
  lgspLogArchiveAfterDays: number;
  lgspOpmonKeepDays: number;
  /**
   * The gateway's HTTPS listener with mutual TLS (`LGSP_TLS_KEY`, `LGSP_TLS_CERT`, `LGSP_TLS_CA`:
   * PEM files of its key, its certificate and the CA bundle consumers' certificates chain to);
   * `--role gateway` serves HTTPS when the three are set (decision 0035). `LGSP_TLS_CRL_URL`: the
   * CRL checked when the CA's OCSP responder is down, for certificates that name no CRL themselves.
   */
  lgspTls: { keyFile: string; certFile: string; caFile: string; crlUrl?: string } | undefined;
  /** Failed password sign-ins per address per 15 minutes before that address is refused (password spraying). */
  signInFailureLimit: number;
  shutdownGraceMs: number;
  /**
   * On SIGTERM, how long the replica keeps serving while `/ready` fails, before it closes its
   * listener: as long as a load balancer that polls readiness needs to stop sending to it.
   */
  shutdownDrainMs: number;
  /** Behind a load balancer: trust X-Forwarded-* for client address and scheme. */
  trustProxy: boolean;
  /**
   * Who may read `/metrics` (see `metricsExposure`): a bearer token, a separate listener on
   * `host:port` (served there only), or neither (loopback callers in demo mode, nobody otherwise).
   */
  metrics: { token: string | undefined; host: string; port: number | undefined };
  /**
   * The citizens' help line shown on the home page (`SEN_HOTLINE`), e.g. the Public Administration
   * Service Centre's number as the province publishes it; no contact number is shown without it.
   */
  hotline?: string;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, key: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, key: string, values: readonly T[], fallback: T): T {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`${key} must be one of ${values.join(', ')}, got "${raw}"`);
}

function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${key} must be true or false, got "${raw}"`);
}

function metricsConfig(env: Env): Config['metrics'] {
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && (token.length < 16 || !/^[\x21-\x7e]+$/.test(token))) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 printable characters without spaces (e.g. openssl rand -hex 24)');
  }
  const port = env.METRICS_PORT ? int(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  return { token, host: env.METRICS_HOST || '127.0.0.1', port };
}

function url(env: Env, key: string, fallback: string): string {
  const raw = env[key] || fallback;
  try {
    return new URL(raw).toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`${key} must be an absolute URL, got "${raw}"`);
  }
}

function masterKey(env: Env, demo: boolean, dataDir: string): string {
  const given = env.SEN_MASTER_KEY;
  if (given) {
    if (given.length < 32) throw new ConfigError('SEN_MASTER_KEY must be at least 32 characters (e.g. openssl rand -base64 32)');
    return given;
  }
  if (!demo) throw new ConfigError('SEN_MASTER_KEY must be set outside demo mode (e.g. openssl rand -base64 32); keep it outside the database');
  if (dataDir === 'memory://') return randomBytes(32).toString('base64url');
  // Replicas sharing a data directory agree on one key: the first to link its file wins.
  const file = path.join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(file, 'utf8').trim();
}

export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 8080, 0, 65535);
  const sandboxPort = int(env, 'SANDBOX_PORT', port === 0 ? 0 : port + 1, 0, 65535);
  // `memory://` keeps the embedded database in memory (tests, benchmarks).
  const dataDir = env.SEN_DATA_DIR?.startsWith('memory://') ? 'memory://' : path.resolve(env.SEN_DATA_DIR || 'var');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const sandboxSmtpPort = int(env, 'SANDBOX_SMTP_PORT', sandboxPort === 0 ? 0 : sandboxPort + 1, 0, 65535);
  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`);
  const demo = bool(env, 'DEMO', !databaseUrl);
  const lookupKey = env.DOSSIER_LOOKUP_KEY || (demo ? 'sen-demo-lookup-key-not-for-production' : '');
  if (lookupKey.length < 32) {
    throw new ConfigError('DOSSIER_LOOKUP_KEY must be set to a random value of at least 32 characters (it derives the dossiers\' look-up secrets)');
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl,
    databaseUrl,
    dataDir,
    blobDir: env.BLOB_DIR ? path.resolve(env.BLOB_DIR) : dataDir === 'memory://' ? 'memory://' : path.join(dataDir, 'blobs'),
    logLevel: env.LOG_LEVEL || 'info',
    sandbox: bool(env, 'SANDBOX', true),
    sandboxPort,
    sandboxSmtpPort,
    sandboxAdminToken: env.SANDBOX_ADMIN_TOKEN || 'sandbox-admin-token',
    demo,
    lookupKey,
    cookieSecret: env.COOKIE_SECRET || randomBytes(32).toString('base64url'),
    masterKey: masterKey(env, demo, dataDir),
    audit: {
      checkpointDir: env.AUDIT_CHECKPOINT_DIR ? path.resolve(env.AUDIT_CHECKPOINT_DIR) : dataDir === 'memory://' ? 'memory://' : path.join(dataDir, 'audit-checkpoints'),
      checkpointIntervalMs: int(env, 'AUDIT_CHECKPOINT_INTERVAL', 300, 1, 86_400) * 1000,
      checkpointRecords: int(env, 'AUDIT_CHECKPOINT_RECORDS', 1000, 1),
      tsaUrl: env.AUDIT_TSA_URL === 'off' ? undefined : url(env, 'AUDIT_TSA_URL', `http://localhost:${sandboxPort}/ca/tsa`),
    },
    vneid: {
      issuer: url(env, 'VNEID_ISSUER', `http://localhost:${sandboxPort}/vneid`),
      clientId: env.VNEID_CLIENT_ID || 'sen-province',
      clientSecret: env.VNEID_CLIENT_SECRET || 'sandbox-secret-sen-province',
    },
    mail: {
      smtpUrl: env.SMTP_URL || `smtp://sen:sandbox-mail-password@localhost:${sandboxSmtpPort}`,
      from: env.MAIL_FROM || 'Hệ thống giải quyết TTHC tỉnh Đồng Tháp <no-reply@dongthap.gov.vn>',
    },
    sms: {
      apiUrl: url(env, 'SMS_API_URL', `http://localhost:${sandboxPort}/sms/api/v1`),
      clientId: env.SMS_CLIENT_ID || 'sen-dongthap',
      apiKey: env.SMS_API_KEY || 'sandbox-sms-key-h19',
      brandname: env.SMS_BRANDNAME || 'DONGTHAP',
    },
    dvcqg: {
      pushSecret: env.DVCQG_PUSH_SECRET || 'sandbox-dvcqg-push-secret-h19',
      apiUrl: url(env, 'DVCQG_API_URL', `http://localhost:${sandboxPort}/dvcqg`),
      clientId: env.DVCQG_CLIENT_ID || 'sen-dongthap',
      clientSecret: env.DVCQG_CLIENT_SECRET || 'sandbox-dvcqg-secret-h19',
    },
    uploadRetentionHours: int(env, 'UPLOAD_RETENTION_HOURS', 24, 1, 24 * 90),
    payment: {
      apiUrl: url(env, 'PAYMENT_API_URL', `http://localhost:${sandboxPort}/payment`),
      merchantCode: env.PAYMENT_MERCHANT_CODE || 'DTP-H19',
      secret: env.PAYMENT_SECRET || 'sandbox-payment-secret-h19',
      notificationToleranceSeconds: int(env, 'PAYMENT_NOTIFICATION_TOLERANCE_SECONDS', 600, 30, 86_400),
      transferAccount: transferAccount(env, demo),
    },
    lgspSealSeconds: int(env, 'LGSP_SEAL_INTERVAL', 300, 10, 86_400),
    signing: {
      caApiUrl: url(env, 'SIGNING_CA_API_URL', `http://localhost:${sandboxPort}/ca/api/v1`),
      caClientId: env.SIGNING_CA_CLIENT_ID || 'sen-dongthap',
      caApiKey: env.SIGNING_CA_API_KEY || 'sandbox-ca-key-h19',
      tsaUrl: url(env, 'SIGNING_TSA_URL', `http://localhost:${sandboxPort}/ca/tsa`),
      trustedRootUrl: url(env, 'SIGNING_TRUSTED_ROOT_URL', `http://localhost:${sandboxPort}/ca/certs/root.crt`),
    },
    vnpost: {
      apiUrl: url(env, 'VNPOST_API_URL', `http://localhost:${sandboxPort}/vnpost`),
      clientId: env.VNPOST_CLIENT_ID || 'sen-dongthap',
      clientSecret: env.VNPOST_CLIENT_SECRET || 'sandbox-vnpost-secret-h19',
      webhookSecret: env.VNPOST_WEBHOOK_SECRET || 'sandbox-vnpost-webhook-h19',
      senderPhone: phone(env, 'VNPOST_SENDER_PHONE', '02773851234'),
    },
    ndxp: {
      url: url(env, 'NDXP_URL', `http://localhost:${sandboxPort}/ndxp`),
      client: env.NDXP_CLIENT || 'VN/GOV/000.00.00.H19/LGSP',
      clientKey: env.NDXP_CLIENT_KEY || 'sandbox-ndxp-key-h19-lgsp',
    },
    onceOnly: {
      gatewayUrl: url(env, 'TTHC_LGSP_URL', `${publicUrl}/lgsp`),
      tokenUrl: url(env, 'TTHC_LGSP_TOKEN_URL', `${publicUrl}/oidc/token`),
      clientId: env.TTHC_LGSP_CLIENT_ID || 'sen-tthc',
      clientSecret: env.TTHC_LGSP_CLIENT_SECRET || 'sandbox-tthc-lgsp-secret-h19',
      populationOpenApiUrl: url(env, 'POPULATION_OPENAPI_URL', `http://localhost:${sandboxPort}/population/openapi.json`),
      businessOpenApiUrl: url(env, 'BUSINESS_OPENAPI_URL', `http://localhost:${sandboxPort}/business/openapi.json`),
      register: bool(env, 'TTHC_LGSP_REGISTER', bool(env, 'SANDBOX', true)),
    },
    vapex: {
      apiUrl: url(env, 'VAPEX_API_URL', `http://localhost:${sandboxPort}/vapex`),
      clientId: env.VAPEX_CLIENT_ID || 'sen-dongthap',
      clientSecret: env.VAPEX_CLIENT_SECRET || 'sandbox-vapex-secret-h19',
    },
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024),
    signInRateLimitPerMinute: int(env, 'SIGN_IN_RATE_LIMIT', 120, 1),
    lgspConsumerLimitPerMinute: int(env, 'LGSP_CONSUMER_LIMIT', 30_000, 0),
    lgspServiceLimitPerMinute: int(env, 'LGSP_SERVICE_LIMIT', 120_000, 0),
    lgspLogCommit: oneOf(env, 'LGSP_LOG_COMMIT', ['durable', 'async'] as const, 'durable'),
    lgspLogArchiveDir: env.LGSP_LOG_ARCHIVE_DIR ? path.resolve(env.LGSP_LOG_ARCHIVE_DIR) : path.join(dataDir === 'memory://' ? path.resolve('var') : dataDir, 'lgsp-archive'),
    lgspLogArchiveAfterDays: int(env, 'LGSP_LOG_ARCHIVE_AFTER_DAYS', 30, 1, 36_500),
    lgspOpmonKeepDays: int(env, 'LGSP_OPMON_KEEP_DAYS', 7, 1, 36_500),
    lgspTls: lgspTls(env),
    signInFailureLimit: int(env, 'SIGN_IN_FAILURE_LIMIT', 30, 1),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000, 0),
    shutdownDrainMs: int(env, 'SHUTDOWN_DRAIN_MS', 0, 0, 600_000),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    metrics: metricsConfig(env),
    hotline: hotline(env),
  };
}

/**
 * `PAYMENT_TRANSFER_ACCOUNT=<bank BIN>:<account number>:<account name>` — the collecting account
 * shown as a VietQR code on fee notices. Unset: no QR code, except in demo mode, where a
 * sandbox account (named as such) is shown.
 */
/** The three files together, or none: a half-configured TLS listener is a mistake, not plain HTTP. */
function lgspTls(env: Env): Config['lgspTls'] {
  const files = { keyFile: env.LGSP_TLS_KEY || '', certFile: env.LGSP_TLS_CERT || '', caFile: env.LGSP_TLS_CA || '' };
  const set = Object.values(files).filter(Boolean).length;
  if (set === 0) return undefined;
  if (set < 3) throw new ConfigError('LGSP_TLS_KEY, LGSP_TLS_CERT and LGSP_TLS_CA must be set together');
  const crlUrl = env.LGSP_TLS_CRL_URL || '';
  if (crlUrl && !/^https?:\/\/[^\s]+$/.test(crlUrl)) throw new ConfigError('LGSP_TLS_CRL_URL must be an http(s) URL');
  return crlUrl ? { ...files, crlUrl } : files;
}

/** A Vietnamese phone number as VNPost takes it (mobile 03x–09x or landline 02xx). */
function phone(env: Env, key: string, fallback: string): string {
  const value = env[key] || fallback;
  if (!/^(?:\+84|84|0)(?:[35789][0-9]{8}|2[0-9]{9})$/.test(value)) throw new ConfigError(`${key} must be a Vietnamese phone number such as 02773851234`);
  return value;
}

function transferAccount(env: Env, demo: boolean): Config['payment']['transferAccount'] {
  const value = env.PAYMENT_TRANSFER_ACCOUNT || (demo ? '970405:0000000000000:TAI KHOAN THU NGHIEM SANDBOX' : '');
  if (!value) return undefined;
  const [bankBin, accountNumber, accountName] = value.split(':');
  if (!/^\d{6}$/.test(bankBin ?? '') || !/^\d{6,19}$/.test(accountNumber ?? '') || !accountName) {
    throw new Error('PAYMENT_TRANSFER_ACCOUNT must be <6-digit bank BIN>:<account number>:<account name>');
  }
  return { bankBin: bankBin!, accountNumber: accountNumber!, accountName: accountName.toUpperCase() };
}

function hotline(env: Env): string | undefined {
  const raw = env.SEN_HOTLINE?.trim();
  if (!raw) return undefined;
  if (!/^\+?[0-9][0-9 .-]{2,19}$/.test(raw)) throw new ConfigError(`SEN_HOTLINE must be a telephone number (digits, spaces, dots or dashes), got "${raw}"`);
  return raw;
}

/** The database the test suite runs on: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export function testDatabaseUrl(env: Env = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}
