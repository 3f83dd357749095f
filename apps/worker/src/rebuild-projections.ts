import 'reflect-metadata';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore } from '@integrity/event-store';
import { DataDirLock, settingsFrom, STORE_FILES } from '@integrity/platform';
import { EmbeddedReadModelStore, MongoDbReadModelStore } from '@integrity/read-models';
import { RebuildProgress } from './projector/rebuild-progress';
import { rebuildReadModels } from './projector/rebuild-read-models';

/** `npm run projections:rebuild`: every read model rebuilt from the event log, switched over once caught up. */
async function main(): Promise<void> {
  const settings = settingsFrom(process.env);
  const events = settings.eventStoreConnectionString
    ? new EventStoreDbEventStore(settings.eventStoreConnectionString)
    : new SqliteEventStore({ file: join(settings.dataDir, STORE_FILES.eventStore) });
  if (!settings.mongodbUri) DataDirLock.acquire(settings.dataDir);
  const store = settings.mongodbUri ? new MongoDbReadModelStore(settings.mongodbUri) : new EmbeddedReadModelStore(join(settings.dataDir, STORE_FILES.readModels));
  try {
    const outcome = await rebuildReadModels(events, store, new RebuildProgress(), () => new Date());
    console.error(`Rebuilt ${outcome.events} events into generation ${outcome.generation} in ${outcome.seconds.toFixed(1)} s; it is now active.`);
  } finally {
    await events.close();
    await store.close();
    DataDirLock.release(settings.dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
