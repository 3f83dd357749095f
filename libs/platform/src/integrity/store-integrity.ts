import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { SETTINGS, type Settings } from '../settings';
import { checkSqliteFile } from './sqlite-file-check';

/** The embedded stores' files in DATA_DIR. The production servers (EventStoreDB, MongoDB) check their own. */
export const STORE_FILES = { eventStore: 'events.sqlite', readModels: 'read-models.sqlite', personalDataKeys: 'personal-data-keys.sqlite' } as const;
export type StoreName = keyof typeof STORE_FILES;

export interface StoreState {
  status: 'up' | 'damaged';
  /** What SQLite found, when damaged. */
  problems?: string[];
  checkedAt: string;
}

/**
 * Checks the embedded stores' files for damage (SQLite's quick_check) at start and every
 * STORE_CHECK_EVERY_MINUTES. A damaged store shows in /health (503) and every write is refused from then on
 * (STORE_DAMAGED) until the store is restored and the application restarted: nothing more goes into a damaged
 * file, while the reads that still work keep working.
 */
@Injectable()
export class StoreIntegrity implements OnApplicationShutdown {
  private readonly logger = new Logger('StoreIntegrity');
  private readonly states = new Map<StoreName, StoreState>();
  private readonly timer: NodeJS.Timeout;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {
    this.check();
    this.timer = setInterval(() => this.check(), settings.storeCheckEveryMinutes * 60_000);
    this.timer.unref();
  }

  private stores(): StoreName[] {
    return [...(this.settings.eventStoreConnectionString ? [] : (['eventStore'] as const)), ...(this.settings.mongodbUri ? [] : (['readModels', 'personalDataKeys'] as const))];
  }

  /** Checks every embedded store now; a store once found damaged stays damaged until a restart. */
  check(): void {
    for (const store of this.stores()) {
      if (this.states.get(store)?.status === 'damaged') continue;
      const { ok, problems } = checkSqliteFile(join(this.settings.dataDir, STORE_FILES[store]));
      this.states.set(store, ok ? { status: 'up', checkedAt: new Date().toISOString() } : { status: 'damaged', problems, checkedAt: new Date().toISOString() });
      if (!ok) this.logger.error(`${STORE_FILES[store]} is damaged; writes are refused from now on: ${problems.join('; ')}`);
    }
  }

  /** Each embedded store's state; absent for a store a production server keeps. */
  state(store: StoreName): StoreState | undefined {
    return this.states.get(store);
  }

  damaged(): StoreName[] {
    return [...this.states].filter(([, state]) => state.status === 'damaged').map(([store]) => store);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
