import 'reflect-metadata';
import { IdentityLog } from '@integrity/identity';
import { DataDirLock, openEventStore, openReadModelStore, settingsFrom } from '@integrity/platform';
import { rebuildReadModels } from '@integrity/read-models';
import { RebuildProgressBar } from './rebuild-progress-bar';
import { existingDataDir, runCommand } from './run-command';

/**
 * `npm run projections:rebuild [-- <data directory>]`: every read model rebuilt from the event log, switched over once
 * caught up, and the units, users and security events folded again from it. On the embedded stores the data directory
 * (the argument, else DATA_DIR, else ./data) must exist: a mistyped one would be rebuilt as an empty log.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const embedded = !process.env.EVENTSTORE_CONNECTION_STRING || !process.env.MONGODB_URI;
  const settings = settingsFrom(embedded ? { ...process.env, DATA_DIR: existingDataDir(args, process.env) } : process.env);
  const events = await openEventStore(settings);
  const store = await openReadModelStore(settings);
  try {
    const outcome = await rebuildReadModels(events, store, new RebuildProgressBar(), () => new Date());
    console.error(`Rebuilt ${outcome.events} events into generation ${outcome.generation} in ${outcome.seconds.toFixed(2)} s; it is now active.`);
    const identity = await new IdentityLog(events, store).rebuild();
    console.error(`Folded ${identity} identity events (units, users, security events) again from the log.`);
    return 0;
  } finally {
    await events.close();
    await store.close();
    DataDirLock.release(settings.dataDir);
  }
}

runCommand(main);
