import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PersonalDataAccessLog, UserDirectory } from '@integrity/identity';
import { recordedBy } from '@integrity/read-models';
import { ReflectionReader } from '../reflection-reader';
import { ReflectionHistoryQuery, type HistoryEntry } from './reflection-history.query';

@QueryHandler(ReflectionHistoryQuery)
export class ReflectionHistoryHandler implements IQueryHandler<ReflectionHistoryQuery, { events: HistoryEntry[] }> {
  constructor(
    private readonly reader: ReflectionReader,
    private readonly users: UserDirectory,
    private readonly accessLog: PersonalDataAccessLog,
  ) {}

  async execute({ reflectionId, actor, until }: ReflectionHistoryQuery): Promise<{ events: HistoryEntry[] }> {
    const read = await this.reader.read(reflectionId, actor);
    const history = until ? recordedBy(read.history, until.asOf, until.revision) : read.history;
    const events = read.events.slice(0, history.length);
    const names = await this.users.displayNames(history.map((e) => e.metadata.actorId));
    // Only the receiving event holds the reporter: disclosed (and its access recorded) once.
    const received = events.find((event) => event.type === 'ReflectionReceived' || event.type === 'ReflectionImported');
    const reflection = { id: reflectionId, unitId: read.state.intake?.unitId as string };
    const reporter = received?.type === 'ReflectionReceived' || received?.type === 'ReflectionImported' ? await this.accessLog.disclose(actor, reflection, 'history', async () => received.data.reporter) : null;
    return {
      events: history.map((recorded, i) => {
        const event = events[i];
        // A receipt's hashes stay in the log: the timeline says only what the citizen checks it with.
        const data = event.type === 'ReflectionReceived' || event.type === 'ReflectionImported' ? { ...event.data, reporter } : event.type === 'ReceiptIssued' ? { check: event.data.check } : event.data;
        return {
          type: recorded.type,
          revision: recorded.revision,
          position: recorded.position.toString(),
          occurredAt: recorded.metadata.occurredAt,
          actor: recorded.metadata.actorId,
          actorName: names.get(recorded.metadata.actorId) ?? null,
          correlationId: recorded.metadata.correlationId,
          data,
        };
      }),
    };
  }
}
