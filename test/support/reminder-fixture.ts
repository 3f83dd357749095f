import { join } from 'node:path';
import type { Clock } from '@integrity/domain';
import { CommandHandling, SqliteEventStore, type EventStore } from '@integrity/event-store';
import { ReminderSender } from '@integrity/follow-up';
import { PersonalDataVault, ReadModelPersonalDataKeyStore } from '@integrity/identity';
import { ActiveReadModels, activateGeneration, applyBatch, EmbeddedReadModelStore, ReadModelSet, type ReadModelStore } from '@integrity/read-models';
import { ReflectionEventCodec } from '@integrity/reflections';

export const FIXED_NOW = new Date('2026-11-27T02:00:00Z');
export const fixedClock: Clock = { now: () => FIXED_NOW };
export { openObligations } from '../../bench/history-generator';

/** Projects the whole log into generation 1 of a read-model store. */
export async function projectAll(events: EventStore, store: ReadModelStore): Promise<ActiveReadModels> {
  const set = new ReadModelSet(store, 1);
  await activateGeneration(store, 1);
  let checkpoint = await set.checkpoint();
  for (;;) {
    const page = await events.readAll(checkpoint.position === '' ? null : BigInt(checkpoint.position), 1000);
    if (page.length === 0) return new ActiveReadModels(store);
    ({ checkpoint } = await applyBatch(set, page, checkpoint, FIXED_NOW));
  }
}

/** A reminder sender with its own connection to the event log, as a separate worker has. */
export function senderOn(file: string): { sender: ReminderSender; events: SqliteEventStore; close: () => Promise<void> } {
  const events = new SqliteEventStore({ file });
  const keys = new EmbeddedReadModelStore(':memory:');
  const sender = new ReminderSender(new CommandHandling(events), new ReflectionEventCodec(new PersonalDataVault(new ReadModelPersonalDataKeyStore(keys))), { forStage: async () => ['officer-1'] }, { stillDue: async () => true, dueWhenInForce: async () => [] }, fixedClock);
  return { sender, events, close: async () => void (await Promise.all([events.close(), keys.close()])) };
}

export const eventsFile = (dir: string) => join(dir, 'events.sqlite');
