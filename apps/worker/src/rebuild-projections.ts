import 'reflect-metadata';
import { IdentityLog } from '@integrity/identity';
import { DataDirLock, openEventStore, openReadModelStore, settingsFrom } from '@integrity/platform';
import { rebuildReadModels } from '@integrity/read-models';
import { RebuildProgressBar } from './projector/rebuild-progress-bar';

/**
 * `npm run projections:rebuild`: every read model rebuilt from the event log, switched over once caught up, and the
 * units, users and security events folded again from it.
 */
async function main(): Promise<void> {
  const settings = settingsFrom(process.env);
  const events = await openEventStore(settings);
  const store = await openReadModelStore(settings);
  try {
    const outcome = await rebuildReadModels(events, store, new RebuildProgressBar(), () => new Date());
    console.error(`Rebuilt ${outcome.events} events into generation ${outcome.generation} in ${outcome.seconds.toFixed(2)} s; it is now active.`);
    const identity = await new IdentityLog(events, store).rebuild();
    console.error(`Folded ${identity} identity events (units, users, security events) again from the log.`);
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
