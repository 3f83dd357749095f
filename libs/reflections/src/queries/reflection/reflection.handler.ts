import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReflectionReader } from '../reflection-reader';
import { ReflectionQuery } from './reflection.query';
import type { ReflectionView } from './reflection.view';

@QueryHandler(ReflectionQuery)
export class ReflectionHandler implements IQueryHandler<ReflectionQuery, ReflectionView> {
  constructor(private readonly reader: ReflectionReader) {}

  async execute({ reflectionId, actor }: ReflectionQuery): Promise<ReflectionView> {
    const { history, state } = await this.reader.read(reflectionId, actor);
    const { intake, reporter, ...life } = state;
    const { reflectionId: _id, reporter: _reporter, ...form } = intake!;
    const last = history[history.length - 1];
    return {
      id: reflectionId,
      revision: last.revision,
      position: last.position.toString(),
      ...form,
      ...life,
      reporter: this.reader.reporterFor(actor, reporter),
      receivedAt: history[0].metadata.occurredAt,
      updatedAt: last.metadata.occurredAt,
    };
  }
}
