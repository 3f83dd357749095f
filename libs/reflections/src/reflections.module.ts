import { Module } from '@nestjs/common';
import { IdentityModule } from '@integrity/identity';
import { RegistersModule } from '@integrity/registers';
import { ChangeReflectionHandler } from './commands/change-reflection/change-reflection.handler';
import { EraseReporterDataHandler } from './commands/erase-reporter-data/erase-reporter-data.handler';
import { ReceiveReflectionHandler } from './commands/receive-reflection/receive-reflection.handler';
import { ReflectionCommandsHttpController } from './commands/reflection-commands.http.controller';
import { ReflectionHistoryHandler } from './queries/reflection-history/reflection-history.handler';
import { ReflectionQueriesHttpController } from './queries/reflection-queries.http.controller';
import { ReflectionReader } from './queries/reflection-reader';
import { ReflectionHandler } from './queries/reflection/reflection.handler';
import { ReflectionEventCodec } from './reflection-event.codec';
import { UnitDeadlines } from './unit-deadlines';

/** Reflections (反映): the cases, from the work record form through their whole life. */
@Module({
  imports: [IdentityModule, RegistersModule],
  controllers: [ReflectionCommandsHttpController, ReflectionQueriesHttpController],
  providers: [
    ReflectionEventCodec,
    UnitDeadlines,
    ReflectionReader,
    ReceiveReflectionHandler,
    ChangeReflectionHandler,
    EraseReporterDataHandler,
    ReflectionHandler,
    ReflectionHistoryHandler,
  ],
})
export class ReflectionsModule {}
