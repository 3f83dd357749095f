import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { CLOCK, type Clock } from '@integrity/domain';
import { CommandHandling, EVENT_STORE, type EventStore } from '@integrity/event-store';
import { ActiveReadModels, READ_MODEL_STORE, type ReadModelStore } from '@integrity/read-models';
import { DataDirLock } from './data-dir-lock';
import { StoreIntegrity } from './integrity/store-integrity';
import { WriteGuardedEventStore } from './integrity/write-guarded-event-store';
import { SETTINGS, settingsFrom, type ProcessRole, type Settings } from './settings';
import { openEventStore, openReadModelStore, readModelsAheadOf } from './stores';

export interface PlatformOptions {
  /** Replaces values read from the environment (tests use their own DATA_DIR and clock). */
  env?: Record<string, string>;
  clock?: Clock;
  /** Which part of the product this process runs; settings it cannot run with are refused. */
  role?: ProcessRole;
}

/**
 * The stores and the clock, chosen by configuration: EventStoreDB when EVENTSTORE_CONNECTION_STRING is set,
 * otherwise the SQLite event log in DATA_DIR; MongoDB when MONGODB_URI is set, otherwise the embedded read models.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown, OnModuleInit {
  private readonly logger = new Logger('Settings');

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly integrity: StoreIntegrity,
    private readonly active: ActiveReadModels,
  ) {}

  /**
   * Every start says what other users may read, while ALLOW_SHARED_DATA_DIR allows it; and from now on read
   * models that hold events the log does not (a log's lost WAL file) are damage.
   */
  async onModuleInit(): Promise<void> {
    for (const path of this.settings.sharedDataDir) {
      this.logger.warn(`ALLOW_SHARED_DATA_DIR: ${path.path} can be read by other users of this machine (mode ${path.mode}); \`${path.fix}\` keeps it to this user`);
    }
    await this.integrity.register('readModels', () => readModelsAheadOf(this.eventStore, this.active));
  }

  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot({ cache: true })],
      providers: [
        { provide: SETTINGS, inject: [ConfigService], useFactory: (config: ConfigService) => settingsFrom({ ...readEnv(config), ...options.env }, options.role) },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        StoreIntegrity,
        {
          provide: EVENT_STORE,
          inject: [SETTINGS, StoreIntegrity],
          useFactory: async (settings: Settings, integrity: StoreIntegrity): Promise<EventStore> => new WriteGuardedEventStore(await openEventStore(settings), integrity),
        },
        {
          provide: READ_MODEL_STORE,
          inject: [SETTINGS, StoreIntegrity],
          useFactory: (settings: Settings, integrity: StoreIntegrity): Promise<ReadModelStore> => openReadModelStore(settings, integrity),
        },
        { provide: ActiveReadModels, inject: [READ_MODEL_STORE], useFactory: (store: ReadModelStore) => new ActiveReadModels(store) },
        { provide: CommandHandling, inject: [EVENT_STORE], useFactory: (store: EventStore) => new CommandHandling(store) },
      ],
      exports: [SETTINGS, CLOCK, EVENT_STORE, READ_MODEL_STORE, ActiveReadModels, CommandHandling, StoreIntegrity],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
    await this.readModels.close();
    DataDirLock.release(this.settings.dataDir);
  }
}

/** The clock port's adapter outside tests. */
const systemClock: Clock = { now: () => new Date() };

const SETTING_NAMES = [
  'PORT',
  'DATA_DIR',
  'ADMIN_USERNAME',
  'ADMIN_PASSWORD',
  'EVENTSTORE_CONNECTION_STRING',
  'MONGODB_URI',
  'REDIS_URL',
  'REDIS_PREFIX',
  'SMTP_URL',
  'MAIL_FROM',
  'OFFICE_CALENDAR_FILE',
  'REPORT_PERIOD_ANCHOR',
  'REPORT_DUE_WORKING_DAYS',
  'JWT_SECRET',
  'TOKEN_TTL_SECONDS',
  'MAX_BODY_BYTES',
  'TRUST_PROXY',
  'STORE_CHECK_EVERY_MINUTES',
  'AUDIT_CHECKPOINT_EVERY_HOURS',
  'READY_MAX_LAG_SECONDS',
  'ALLOW_SHARED_DATA_DIR',
  'METRICS_TOKEN',
  'WORKER_HEALTH_PORT',
];

function readEnv(config: ConfigService): Record<string, string | undefined> {
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, config.get<string>(name)]));
}
