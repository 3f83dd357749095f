import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exposedInDataDir, keepFilesPrivate, type ExposedPath } from './private-data-dir';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { MongoClient } from 'mongodb';

export const SETTINGS = Symbol('SETTINGS');

/** Everything configurable, from the environment. Production stores are chosen here, never in code. */
export interface Settings {
  port: number;
  dataDir: string;
  adminUsername: string;
  adminPassword: string | null;
  eventStoreConnectionString: string | null;
  mongodbUri: string | null;
  /**
   * The personal-data keys' own MongoDB database, with its own credentials, so that dropping, restoring or dumping
   * the read models never touches a key; unset, the database KEYS_DATABASE on MONGODB_URI's server.
   */
  personalDataKeysMongodbUri: string | null;
  redisUrl: string | null;
  /** Namespaces the queue's Redis keys, so deployments sharing a Redis never collide. */
  redisPrefix: string;
  smtpUrl: string | null;
  mailFrom: string;
  /** Extra days off and make-up working days, as JSON, added to the shipped office calendar. */
  officeCalendarFile: string | null;
  /** The Monday the 14-day reporting periods are counted from. */
  reportPeriodAnchor: string;
  /** Working days after its period ends that a report is due, until the AAC sets its own rule. */
  reportDueWorkingDays: number;
  jwtSecret: string;
  /** Keys the hashes of citizens' receipt codes: every process of one deployment needs the same. */
  receiptSecret: string;
  tokenTtlSeconds: number;
  /** Request bodies larger than this are refused (413). */
  maxBodyBytes: number;
  /** Behind a TLS-terminating proxy: its X-Forwarded-* are trusted and HSTS is sent. */
  trustProxy: boolean;
  /** How often the embedded stores' files are checked for damage (and once at start). */
  storeCheckEveryMinutes: number;
  /** How often the worker records an audit checkpoint (the Merkle root over every stream's head). */
  auditCheckpointEveryHours: number;
  /** /health/ready answers 503 while the read models trail the event log by more than this. */
  readyMaxLagSeconds: number;
  /** Where a worker apart from the API answers /api/v1/health/live and /ready (0: any free port). */
  workerHealthPort: number;
  /** A static bearer token a metrics scraper sends to GET /api/v1/metrics (an administrator's token works too). */
  metricsToken: string | null;
  /**
   * ALLOW_SHARED_DATA_DIR=true: the operator let other local users read the data directory; what they may read is
   * warned about on every start (otherwise such a directory refuses to start).
   */
  sharedDataDir: ExposedPath[];
}

type Env = Record<string, string | undefined>;

/** Which part of the product a process runs: `npm start` runs both; `start:api` and `start:worker` one each. */
export type ProcessRole = 'all' | 'api' | 'worker';

/** Every bad or conflicting setting at once, so that one edit fixes them all; no stack trace buries the list. */
export class SettingsRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(`The configuration cannot be used; fix these settings and start again:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SettingsRefusedError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

const nonEmpty = (value: string | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);

/**
 * A secret given in the environment, or made once and kept in DATA_DIR (JWT_SECRET, so tokens survive a restart;
 * RECEIPT_SECRET, so citizens' receipt codes keep working). It is written whole beside its place and linked in,
 * which fails if another process got there first: processes that start together (an API and its workers) all read
 * the one secret that won, never a half-written file.
 */
function secretFor(given: string | undefined, dataDir: string, fileName: string): string {
  const set = nonEmpty(given);
  if (set) return set;
  const file = join(dataDir, fileName);
  if (!existsSync(file)) {
    const draft = join(dataDir, `.${fileName}-${process.pid}-${randomBytes(6).toString('hex')}`);
    writeFileSync(draft, randomBytes(48).toString('base64'), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(file, 'utf8').trim();
}

function wholeNumber(value: string | undefined, fallback: number, least: number): number {
  const given = nonEmpty(value);
  if (given === null) return fallback;
  if (!/^\d+$/.test(given) || Number(given) < least) throw new Error(`must be a whole number of at least ${least}, not "${value}"`);
  return Number(given);
}

function anchorFrom(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new Error(`must be a date YYYY-MM-DD, not "${value}"`);
  return value;
}

/** DATA_DIR made if missing, for this user only; a file in its place, or a directory this user cannot write, said plainly. */
function dataDirFrom(value: string | null): string {
  keepFilesPrivate();
  const dataDir = resolve(value ?? './data');
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new Error(`${dataDir} is a file, not a directory: set DATA_DIR to a directory (it is made if missing)`);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new Error(`${dataDir} cannot be made or written by this user (${(error as NodeJS.ErrnoException).code ?? 'error'}): give it a directory it may write`);
  }
  return dataDir;
}

/** A connection string as its driver reads it (parsed only: nothing connects here). */
function connectionString(value: string | undefined, parse: (given: string) => unknown): string | null {
  const given = nonEmpty(value);
  if (given === null) return null;
  try {
    parse(given);
  } catch (error) {
    throw new Error(`does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  return given;
}

function urlWith(protocols: string[]): (given: string) => void {
  return (given) => {
    const url = new URL(given);
    if (!protocols.includes(url.protocol)) throw new Error(`expected ${protocols.map((p) => `${p}//`).join(' or ')}, not ${url.protocol}//`);
    if (url.hostname === '') throw new Error('it names no host');
  };
}

const FLAGS: Record<string, boolean> = { '': false, '0': false, false: false, no: false, '1': true, true: true, yes: true };

function flag(value: string | undefined): boolean {
  const given = (nonEmpty(value) ?? '').toLowerCase();
  if (!(given in FLAGS)) throw new Error(`must be true or false, not "${value}"`);
  return FLAGS[given];
}

/** Settings a role cannot run with: the embedded read models and queue live in the one process that holds them. */
function conflicts(settings: Settings, role: ProcessRole): string[] {
  const problems: string[] = [];
  if (role === 'api' && !settings.mongodbUri) problems.push('MONGODB_URI: `start:api` serves read models that a worker projects, so they must be shared: set MONGODB_URI, or run `npm start`');
  if (role === 'api' && !settings.redisUrl) problems.push('REDIS_URL: `start:api` shows and schedules follow-ups on the queue the workers use, so it must be shared: set REDIS_URL, or run `npm start`');
  if (role === 'worker' && !settings.redisUrl && !settings.mongodbUri) problems.push('REDIS_URL or MONGODB_URI: a worker apart from the API keeps its lease there, so that one worker at a time leads');
  return problems;
}

/**
 * The settings from the environment, every value checked before anything starts. Any bad or conflicting value
 * refuses them all with one SettingsRefusedError listing each, named by its variable.
 */
export function settingsFrom(env: Env, role: ProcessRole = 'all'): Settings {
  const problems: string[] = [];
  const read = <T>(name: string, value: () => T, fallback: T): T => {
    try {
      return value();
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  };
  const dataDir = read('DATA_DIR', () => dataDirFrom(nonEmpty(env.DATA_DIR)), null);
  const settings: Settings = {
    port: read('PORT', () => wholeNumber(env.PORT, 3000, 0), 3000),
    dataDir: dataDir ?? '',
    adminUsername: nonEmpty(env.ADMIN_USERNAME) ?? 'admin',
    adminPassword: nonEmpty(env.ADMIN_PASSWORD),
    eventStoreConnectionString: read('EVENTSTORE_CONNECTION_STRING', () => connectionString(env.EVENTSTORE_CONNECTION_STRING, (given) => KurrentDBClient.connectionString(given)), null),
    mongodbUri: read('MONGODB_URI', () => connectionString(env.MONGODB_URI, (given) => new MongoClient(given)), null),
    personalDataKeysMongodbUri: read('PERSONAL_DATA_KEYS_MONGODB_URI', () => connectionString(env.PERSONAL_DATA_KEYS_MONGODB_URI, (given) => new MongoClient(given)), null),
    redisUrl: read('REDIS_URL', () => connectionString(env.REDIS_URL, urlWith(['redis:', 'rediss:'])), null),
    redisPrefix: nonEmpty(env.REDIS_PREFIX) ?? 'integrity',
    smtpUrl: read('SMTP_URL', () => connectionString(env.SMTP_URL, urlWith(['smtp:', 'smtps:'])), null),
    mailFrom: nonEmpty(env.MAIL_FROM) ?? 'integrity-platform@localhost',
    officeCalendarFile: read('OFFICE_CALENDAR_FILE', () => readableFile(nonEmpty(env.OFFICE_CALENDAR_FILE)), null),
    reportPeriodAnchor: read('REPORT_PERIOD_ANCHOR', () => anchorFrom(nonEmpty(env.REPORT_PERIOD_ANCHOR) ?? '2026-01-05'), '2026-01-05'),
    reportDueWorkingDays: read('REPORT_DUE_WORKING_DAYS', () => wholeNumber(env.REPORT_DUE_WORKING_DAYS, 3, 1), 3),
    jwtSecret: dataDir === null ? '' : read('JWT_SECRET', () => secretFor(env.JWT_SECRET, dataDir, 'jwt-secret'), ''),
    receiptSecret: dataDir === null ? '' : read('RECEIPT_SECRET', () => secretFor(env.RECEIPT_SECRET, dataDir, 'receipt-secret'), ''),
    tokenTtlSeconds: read('TOKEN_TTL_SECONDS', () => wholeNumber(env.TOKEN_TTL_SECONDS, 8 * 60 * 60, 1), 0),
    maxBodyBytes: read('MAX_BODY_BYTES', () => wholeNumber(env.MAX_BODY_BYTES, 1024 * 1024, 1), 0),
    trustProxy: read('TRUST_PROXY', () => flag(env.TRUST_PROXY), false),
    storeCheckEveryMinutes: read('STORE_CHECK_EVERY_MINUTES', () => wholeNumber(env.STORE_CHECK_EVERY_MINUTES, 60, 1), 0),
    auditCheckpointEveryHours: read('AUDIT_CHECKPOINT_EVERY_HOURS', () => wholeNumber(env.AUDIT_CHECKPOINT_EVERY_HOURS, 24, 1), 0),
    readyMaxLagSeconds: read('READY_MAX_LAG_SECONDS', () => wholeNumber(env.READY_MAX_LAG_SECONDS, 30, 1), 0),
    workerHealthPort: read('WORKER_HEALTH_PORT', () => wholeNumber(env.WORKER_HEALTH_PORT, 3001, 0), 0),
    metricsToken: read('METRICS_TOKEN', () => secretToken(env.METRICS_TOKEN), null),
    sharedDataDir: [],
  };
  // The keys and the log decrypt every reporter: another local user who can read them is refused, file by file.
  const exposed = dataDir === null ? [] : exposedInDataDir(dataDir);
  if (read('ALLOW_SHARED_DATA_DIR', () => flag(env.ALLOW_SHARED_DATA_DIR), false)) settings.sharedDataDir = exposed;
  else for (const path of exposed) problems.push(`DATA_DIR: ${path.path} can be read by other users of this machine (mode ${path.mode}); run \`${path.fix}\`, or set ALLOW_SHARED_DATA_DIR=true to allow it`);
  for (const [name, port] of [['PORT', settings.port], ['WORKER_HEALTH_PORT', settings.workerHealthPort]] as const) {
    if (port > 65535) problems.push(`${name}: must be a port number (0 to 65535), not "${env[name]}"`);
  }
  problems.push(...conflicts(settings, role));
  if (problems.length > 0) throw new SettingsRefusedError(problems);
  return settings;
}

/** A token long enough not to be guessed: 32 characters or more. */
function secretToken(value: string | undefined): string | null {
  const given = nonEmpty(value);
  if (given !== null && given.length < 32) throw new Error('must be at least 32 characters (for example `openssl rand -base64 32`)');
  return given;
}

function readableFile(file: string | null): string | null {
  if (file === null) return null;
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw new Error(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return file;
}
