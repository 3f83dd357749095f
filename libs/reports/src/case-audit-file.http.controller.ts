import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { checkpointOf, CHECKPOINT_STREAM, latestCheckpoint, recordedHeads, streamProblem } from '@integrity/audit';
import { CLOCK, notFound, rocDateText, type Clock } from '@integrity/domain';
import { EVENT_STORE, streamIdOf, type EventStore } from '@integrity/event-store';
import { accessStream, CurrentActor, readsEveryUnit, Roles, UnitRegister, UserDirectory, type Actor } from '@integrity/identity';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { caseAuditFile } from './documents/case-audit-file';
import { documentName, sendDocument } from './documents/send-document';
import { FormExportQueryDto } from './reflection-export.http.controller';

/** A case's audit file (案件稽核檔) for the paper file: its timeline with actors, times and hashes, and its verification. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('audit/reflections')
export class CaseAuditFileHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly readModels: ActiveReadModels,
    private readonly units: UnitRegister,
    private readonly users: UserDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: "A reflection's audit file: its events, chain and checkpoint proof" })
  @ApiRefusals(404, 409)
  @Get(':id/file')
  @Roles('supervisor', 'aac_auditor')
  async file(@Param('id', UUID_PARAM) id: string, @Query() query: FormExportQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const reflection = await (await this.readModels.current()).reflections.findOne({ _id: id });
    if (!reflection || (!readsEveryUnit(actor) && reflection.unitId !== actor.unitId)) throw notFound('REFLECTION_NOT_FOUND', 'No such reflection');
    const streamId = streamIdOf('reflection', id);
    const [history, accesses, checkpointEvents, unit] = await Promise.all([
      this.events.readStream(streamId),
      this.events.readStream(accessStream(id)),
      this.events.readStream(CHECKPOINT_STREAM),
      this.units.get(reflection.unitId),
    ]);
    const names = await this.users.displayNames(history.map((event) => event.metadata.actorId));
    const document = caseAuditFile({
      reflectionId: id,
      summary: reflection.summary,
      unitName: unit?.name ?? '',
      history,
      names,
      broken: streamProblem(history),
      checkpoint: latestCheckpoint(checkpointEvents),
      recordedHead: recordedHeads(checkpointEvents.map(checkpointOf)).get(streamId) ?? null,
      accesses: accesses.length,
      printedAt: this.clock.now(),
    });
    const name = documentName(unit?.name ?? '', '案件稽核檔', reflection.caseNo ?? rocDateText(reflection.receivedOn));
    return sendDocument(response, document, query.format, name, `audit-file-${id}`);
  }
}
