import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_DEADLINE_POLICY, reflectionDecider, TAIWAN_OFFICE_CALENDAR, type Clock, type ReflectionCommand } from '@integrity/domain';
import { CommandHandling, SqliteEventStore, type EventStore } from '@integrity/event-store';
import { ReminderSender } from '@integrity/follow-up';
import { PersonalDataVault } from '@integrity/identity';
import { ActiveReadModels, activateGeneration, applyBatch, EmbeddedReadModelStore, PROJECTED_CATEGORIES, ReadModelSet, type ReadModelStore } from '@integrity/read-models';
import { ReflectionEventCodec } from '@integrity/reflections';

export const FIXED_NOW = new Date('2026-11-27T02:00:00Z');
export const fixedClock: Clock = { now: () => FIXED_NOW };
const deadlines = { policy: DEFAULT_DEADLINE_POLICY, calendar: TAIWAN_OFFICE_CALENDAR };

/** Reflections received and routed on a day, each with two open obligations (citizen reply, department answer). */
export async function openObligations(events: EventStore, reflections: number, receivedOn: string): Promise<string[]> {
  const now = new Date(`${receivedOn}T02:00:00Z`);
  const ids: string[] = [];
  const appends: Promise<unknown>[] = [];
  for (let i = 0; i < reflections; i++) {
    const reflectionId = randomUUID();
    ids.push(reflectionId);
    const commands: ReflectionCommand[] = [
      { type: 'ReceiveReflection', reflectionId, unitId: 'unit-1', nature: 'public_need', category: 'public_facilities', summary: '路燈故障', receivedOn, reporter: null, now, deadlines },
      { type: 'RouteToDepartments', departments: ['工務課'], now, deadlines },
    ];
    let state = reflectionDecider.initialState();
    const decided = commands.flatMap((command) => {
      const out = reflectionDecider.decide(command, state);
      state = out.reduce(reflectionDecider.evolve, state);
      return out;
    });
    const metadata = { actorId: 'fixture', unitId: 'unit-1', correlationId: reflectionId, causationId: reflectionId, occurredAt: now.toISOString() };
    appends.push(events.append(`reflection-${reflectionId}`, decided.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data as never, metadata })), 'no_stream'));
  }
  await Promise.all(appends);
  return ids;
}

/** Projects the whole log into generation 1 of a read-model store. */
export async function projectAll(events: EventStore, store: ReadModelStore): Promise<ActiveReadModels> {
  const set = new ReadModelSet(store, 1);
  await activateGeneration(store, 1);
  let checkpoint = await set.checkpoint();
  for (;;) {
    const page = await events.readAll(checkpoint.position === '' ? null : BigInt(checkpoint.position), 1000, { categories: PROJECTED_CATEGORIES });
    if (page.length === 0) return new ActiveReadModels(store);
    ({ checkpoint } = await applyBatch(set, page, checkpoint, FIXED_NOW));
  }
}

/** A reminder sender with its own connection to the event log, as a separate worker has. */
export function senderOn(file: string): { sender: ReminderSender; events: SqliteEventStore; close: () => Promise<void> } {
  const events = new SqliteEventStore({ file });
  const keys = new EmbeddedReadModelStore(':memory:');
  const sender = new ReminderSender(new CommandHandling(events), new ReflectionEventCodec(new PersonalDataVault(keys)), { forStage: async () => ['officer-1'] }, fixedClock);
  return { sender, events, close: async () => void (await Promise.all([events.close(), keys.close()])) };
}

export const eventsFile = (dir: string) => join(dir, 'events.sqlite');
