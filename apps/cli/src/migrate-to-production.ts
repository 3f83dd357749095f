import 'reflect-metadata';
import { join } from 'node:path';
import { ReadModelPersonalDataKeyStore, SqlitePersonalDataKeyStore } from '@integrity/identity';
import { SqliteEventStore } from '@integrity/event-store';
import { DataDirLock, openEventLog, openPersonalDataKeyDatabase, openReadModelStore, settingsFrom, STORE_FILES } from '@integrity/platform';
import { CommandRefused, existingDataDir, runCommand } from './run-command';
import { migrateStores } from './store-migration';

const USAGE = '用法：npm run migrate -- --to-production [--dry-run]（將 DATA_DIR 內嵌的儲存複製到 EVENTSTORE_CONNECTION_STRING 及 MONGODB_URI；請先停止應用程式）';

/**
 * `npm run migrate -- --to-production`: a unit's embedded data (the SQLite log and the personal-data keys in DATA_DIR)
 * copied to EventStoreDB and MongoDB, and the read models rebuilt there. Re-running it skips what is there.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (!args.includes('--to-production') || args.some((arg) => !['--to-production', '--dry-run'].includes(arg))) throw new CommandRefused('USAGE', USAGE);
  const dryRun = args.includes('--dry-run');
  // Checked before the settings are read, which would make a missing DATA_DIR.
  existingDataDir([], process.env);
  const settings = settingsFrom(process.env);
  if (!settings.eventStoreConnectionString || !settings.mongodbUri) throw new CommandRefused('PRODUCTION_STORES_NOT_SET', `請以 EVENTSTORE_CONNECTION_STRING 及 MONGODB_URI 指定正式環境的儲存。${USAGE}`);
  // The application must not write to the embedded log while it is copied: it holds this lock while it runs.
  DataDirLock.acquire(settings.dataDir);
  const source = { events: new SqliteEventStore({ file: join(settings.dataDir, STORE_FILES.eventStore) }), keys: new SqlitePersonalDataKeyStore(join(settings.dataDir, STORE_FILES.personalDataKeys)) };
  const targetEvents = await openEventLog(settings);
  const readModels = await openReadModelStore(settings);
  const targetKeys = new ReadModelPersonalDataKeyStore(await openPersonalDataKeyDatabase({ ...settings, mongodbUri: settings.mongodbUri }), true);
  try {
    const outcome = await migrateStores(source, { events: targetEvents, keys: targetKeys, readModels }, { dryRun, now: () => new Date() });
    const { events, keys, streams, rebuilt, verified } = outcome;
    console.error(
      [
        `${dryRun ? 'Dry run: would copy' : 'Copied'} ${events.copied} of ${events.total} events in ${streams} streams (${events.alreadyThere} already there)`,
        `${dryRun ? 'Dry run: would copy' : 'Copied'} ${keys.copied} of ${keys.total} personal-data keys (${keys.alreadyThere} already there)`,
        verified ? `Verified the target: ${verified.events} events in ${verified.streams} streams, chains intact${verified.checkpoint ? `, the checkpoint of ${verified.checkpoint.recordedAt} (root ${verified.checkpoint.root}) agrees` : ''}` : 'Dry run: nothing verified',
        rebuilt ? `Rebuilt the read models from ${rebuilt.events} events into generation ${rebuilt.generation}` : 'Dry run: nothing written',
      ].join('\n'),
    );
    return 0;
  } finally {
    await Promise.all([source.events.close(), source.keys.close(), targetEvents.close(), readModels.close(), targetKeys.close()]);
    DataDirLock.release(settings.dataDir);
  }
}

runCommand(main);
