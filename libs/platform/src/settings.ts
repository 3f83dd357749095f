import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SETTINGS = Symbol('SETTINGS');

/** Everything configurable, from the environment. Production stores are chosen here, never in code. */
export interface Settings {
  port: number;
  dataDir: string;
  adminUsername: string;
  adminPassword: string | null;
  eventStoreConnectionString: string | null;
  mongodbUri: string | null;
  redisUrl: string | null;
  /** Namespaces the queue's Redis keys, so deployments sharing a Redis never collide. */
  redisPrefix: string;
  smtpUrl: string | null;
  mailFrom: string;
  /** Extra days off and make-up working days, as JSON, added to the shipped office calendar. */
  officeCalendarFile: string | null;
  /** The Monday the 14-day reporting periods are counted from. */
  reportPeriodAnchor: string;
  /** A report submitted more than this many days after its period ended is late. */
  reportLateAfterDays: number;
  jwtSecret: string;
  tokenTtlSeconds: number;
  /** Request bodies larger than this are refused (413). */
  maxBodyBytes: number;
  /** Behind a TLS-terminating proxy: its X-Forwarded-* are trusted and HSTS is sent. */
  trustProxy: boolean;
  /** How often the embedded stores' files are checked for damage (and once at start). */
  storeCheckEveryMinutes: number;
  /** How often the worker records an audit checkpoint (the Merkle root over every stream's head). */
  auditCheckpointEveryHours: number;
}

type Env = Record<string, string | undefined>;

const nonEmpty = (value: string | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);

/** Without JWT_SECRET, a secret is made once and kept in DATA_DIR, so tokens survive a restart. */
function jwtSecretFor(env: Env, dataDir: string): string {
  const given = nonEmpty(env.JWT_SECRET);
  if (given) return given;
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64'), { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  const given = nonEmpty(value);
  if (given === null) return fallback;
  if (!/^\d+$/.test(given) || Number(given) < 1) throw new Error(`${name} must be a whole number above 0, not ${value}`);
  return Number(given);
}

function anchorFrom(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new Error(`REPORT_PERIOD_ANCHOR must be a date YYYY-MM-DD, not ${value}`);
  return value;
}

/** DATA_DIR made if missing; a file in its place, or a directory this user cannot write, said plainly. */
function dataDirFrom(value: string | null): string {
  const dataDir = resolve(value ?? './data');
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new Error(`DATA_DIR ${dataDir} is a file, not a directory: set DATA_DIR to a directory (it is made if missing)`);
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new Error(`DATA_DIR ${dataDir} cannot be made or written by this user (${(error as NodeJS.ErrnoException).code ?? 'error'}): give it a directory it may write`);
  }
  return dataDir;
}

export function settingsFrom(env: Env): Settings {
  const dataDir = dataDirFrom(nonEmpty(env.DATA_DIR));
  const port = Number(nonEmpty(env.PORT) ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    dataDir,
    adminUsername: nonEmpty(env.ADMIN_USERNAME) ?? 'admin',
    adminPassword: nonEmpty(env.ADMIN_PASSWORD),
    eventStoreConnectionString: nonEmpty(env.EVENTSTORE_CONNECTION_STRING),
    mongodbUri: nonEmpty(env.MONGODB_URI),
    redisUrl: nonEmpty(env.REDIS_URL),
    redisPrefix: nonEmpty(env.REDIS_PREFIX) ?? 'integrity',
    smtpUrl: nonEmpty(env.SMTP_URL),
    mailFrom: nonEmpty(env.MAIL_FROM) ?? 'integrity-platform@localhost',
    officeCalendarFile: nonEmpty(env.OFFICE_CALENDAR_FILE),
    reportPeriodAnchor: anchorFrom(nonEmpty(env.REPORT_PERIOD_ANCHOR) ?? '2026-01-05'),
    reportLateAfterDays: Number(nonEmpty(env.REPORT_LATE_AFTER_DAYS) ?? 3),
    jwtSecret: jwtSecretFor(env, dataDir),
    tokenTtlSeconds: Number(nonEmpty(env.TOKEN_TTL_SECONDS) ?? 8 * 60 * 60),
    maxBodyBytes: positiveInteger(env.MAX_BODY_BYTES, 1024 * 1024, 'MAX_BODY_BYTES'),
    trustProxy: ['1', 'true', 'yes'].includes((nonEmpty(env.TRUST_PROXY) ?? '').toLowerCase()),
    storeCheckEveryMinutes: positiveInteger(env.STORE_CHECK_EVERY_MINUTES, 60, 'STORE_CHECK_EVERY_MINUTES'),
    auditCheckpointEveryHours: positiveInteger(env.AUDIT_CHECKPOINT_EVERY_HOURS, 24, 'AUDIT_CHECKPOINT_EVERY_HOURS'),
  };
}
