import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { SETTINGS, type Settings } from '../settings';
import { checkSqliteFile, checkSqliteFileApart, type FileCheck } from './sqlite-file-check';

/** The embedded stores' files in DATA_DIR. The production servers (EventStoreDB, MongoDB) check their own. */
export const STORE_FILES = { eventStore: 'events.sqlite', readModels: 'read-models.sqlite', personalDataKeys: 'personal-data-keys.sqlite' } as const;
export type StoreName = keyof typeof STORE_FILES;

export interface StoreState {
  status: 'up' | 'damaged';
  /** What was found, when damaged: SQLite's words, or what the stores know of each other. */
  problems?: string[];
  /** What the operator does about it. */
  repair?: string;
  checkedAt: string;
}

/** Damage found, as the security log records it (the identity module listens). */
export interface DamageNoted {
  store: StoreName;
  problems: string[];
  repair: string;
  /** Derived data repaired at once: the damaged file was moved here and the store made afresh. */
  setAsideTo?: string;
}

/** A check beyond the file's own: what the stores know of each other. Empty when all is well. */
export type StoreCheck = () => Promise<string[]>;

/** What the operator does for each store's damage (docs/operations.md has the whole table). */
export const REPAIRS: Record<StoreName, string> = {
  eventStore: 'restore the data directory from its latest backup (npm run backup made it), then start again',
  readModels: 'stop the application, run npm run projections:rebuild, then start again (the read models are rebuilt from the log)',
  personalDataKeys: 'restore personal-data-keys.sqlite from its backup beside this log, then start again; never start on a new, empty key store',
};

/**
 * Whether the stores can be trusted: each embedded file's own check (SQLite's quick_check) and what the stores know
 * of each other (the key store the log names, read models never ahead of the log), at start and every
 * STORE_CHECK_EVERY_MINUTES, and damage met while reading (a stream whose hashes do not hold) at that moment. A
 * damaged store shows in /health (503) and every write is refused (STORE_DAMAGED) until it is repaired and the
 * application restarted; the reads that still work keep working.
 */
@Injectable()
export class StoreIntegrity implements OnApplicationShutdown {
  private readonly logger = new Logger('StoreIntegrity');
  private readonly states = new Map<StoreName, StoreState>();
  private readonly checks: { store: StoreName; check: StoreCheck }[] = [];
  private readonly listeners: ((damage: DamageNoted) => void)[] = [];
  private readonly noted: DamageNoted[] = [];
  private readonly timer: NodeJS.Timeout;
  /** When the last write met a full disk; cleared by the next write that succeeds. */
  private fullSince: Date | null = null;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {
    // The read models' file is checked by the one who opens it at start: derived data, set aside when damaged.
    this.checkFiles(['readModels']);
    this.timer = setInterval(() => void this.check(), settings.storeCheckEveryMinutes * 60_000);
    this.timer.unref();
  }

  private stores(): StoreName[] {
    return [...(this.settings.eventStoreConnectionString ? [] : (['eventStore'] as const)), ...(this.settings.mongodbUri ? [] : (['readModels', 'personalDataKeys'] as const))];
  }

  /** At start, before anything is served; later on a thread of their own (see check). */
  private checkFiles(skip: StoreName[]): void {
    for (const store of this.stores().filter((s) => !skip.includes(s))) {
      if (this.states.get(store)?.status !== 'damaged') this.noteFile(store, checkSqliteFile(join(this.settings.dataDir, STORE_FILES[store])));
    }
  }

  private noteFile(store: StoreName, { ok, problems }: FileCheck): void {
    if (ok) this.states.set(store, { status: 'up', checkedAt: new Date().toISOString() });
    else this.markDamaged(store, problems);
  }

  /** A check of what the stores know of each other, run now and with every periodic check. */
  async register(store: StoreName, check: StoreCheck): Promise<void> {
    this.checks.push({ store, check });
    await this.run(store, check);
  }

  private async run(store: StoreName, check: StoreCheck): Promise<void> {
    if (this.states.get(store)?.status === 'damaged') return;
    const problems = await check().catch((error: unknown) => [`could not be checked: ${error instanceof Error ? error.message : String(error)}`]);
    if (problems.length > 0) this.markDamaged(store, problems);
    else if (!this.states.has(store)) this.states.set(store, { status: 'up', checkedAt: new Date().toISOString() });
  }

  /** Checks every store now; a store once found damaged stays damaged until a restart. */
  async check(): Promise<void> {
    for (const store of this.stores()) {
      if (this.states.get(store)?.status === 'damaged') continue;
      const check = await checkSqliteFileApart(join(this.settings.dataDir, STORE_FILES[store]));
      // Damage found meanwhile by a write stays damage: a clean read of the file does not undo it.
      if (this.states.get(store)?.status !== 'damaged') this.noteFile(store, check);
    }
    for (const { store, check } of this.checks) await this.run(store, check);
  }

  /** Damage found: from now on writes are refused, health says so, and the security log records it. */
  markDamaged(store: StoreName, problems: string[]): void {
    if (this.states.get(store)?.status === 'damaged') return;
    const damage = { store, problems, repair: REPAIRS[store] };
    this.states.set(store, { status: 'damaged', problems, repair: damage.repair, checkedAt: new Date().toISOString() });
    this.logger.error(`${STORE_FILES[store]} is damaged; writes are refused from now on: ${problems.join('; ')}. To repair: ${damage.repair}`);
    this.noted.push(damage);
    for (const listener of this.listeners) listener(damage);
  }

  /**
   * Derived data found damaged at start and repaired: the file set aside (renamed, never deleted) and made afresh,
   * to be rebuilt from the log. Not damage any longer, but recorded as if it were.
   */
  setAside(store: StoreName, problems: string[], setAsideTo: string): void {
    const note = { store, problems, repair: `set aside as ${setAsideTo} and rebuilt from the log`, setAsideTo };
    this.states.set(store, { status: 'up', checkedAt: new Date().toISOString() });
    this.logger.warn(`${STORE_FILES[store]} was damaged (${problems.join('; ')}): set aside as ${setAsideTo}; the read models are rebuilt from the log`);
    this.noted.push(note);
    for (const listener of this.listeners) listener(note);
  }

  /** Told of every damage found, those before it listened included. */
  onDamage(listener: (damage: DamageNoted) => void): void {
    this.listeners.push(listener);
    for (const damage of this.noted) listener(damage);
  }

  /** Each embedded store's state; absent for a store a production server keeps (unless a check of it found damage). */
  state(store: StoreName): StoreState | undefined {
    return this.states.get(store);
  }

  damaged(): StoreName[] {
    return [...this.states].filter(([, state]) => state.status === 'damaged').map(([store]) => store);
  }

  /** A write met a full disk (or another write did since). */
  noteFull(full: boolean, at: Date): void {
    this.fullSince = full ? (this.fullSince ?? at) : null;
  }

  storageFullSince(): Date | null {
    return this.fullSince;
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
