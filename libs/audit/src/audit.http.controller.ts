import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CLOCK, type Clock } from '@integrity/domain';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { CurrentActor, Roles, type Actor } from '@integrity/identity';
import { ApiRefusals, ReadQueryDto, StoreIntegrity } from '@integrity/platform';
import { AuditCheckpointRecorder } from './audit-checkpoint-recorder';
import { verifyChains, type Verification } from './chain-verifier';

class VerifyQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'A checkpoint root the AAC holds (a submitted report’s receipt): checked against the log too' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'receipt must be the 64 hexadecimal digits of a checkpoint root' })
  receipt?: string;
}

/** Whether the history is as it was recorded: for the administrators and the AAC. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('audit')
export class AuditHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly checkpoints: AuditCheckpointRecorder,
    private readonly integrity: StoreIntegrity,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Every stream's chain recomputed from the whole log, and the latest checkpoint (and a receipt) against it. A log
   * that cannot even be read through answers with what stopped the reading, and either is damage from now on.
   */
  @ApiOperation({ summary: "Verify every stream's hash chain against the latest audit checkpoint" })
  @Get('verify')
  @Roles('admin', 'aac_auditor')
  async verify(@Query() query: VerifyQueryDto): Promise<Verification & { unreadable?: string }> {
    try {
      const verdict = await verifyChains(this.events, { receipt: query.receipt });
      const broken = verdict.firstBroken;
      if (broken && ['hash_mismatch', 'chain_broken', 'event_missing', 'out_of_order'].includes(broken.reason)) {
        this.integrity.markDamaged('eventStore', [`stream ${broken.streamId} at revision ${broken.revision}: ${broken.reason}`]);
      }
      return verdict;
    } catch (error) {
      const unreadable = error instanceof Error ? error.message : String(error);
      this.integrity.markDamaged('eventStore', [`the log cannot be read through: ${unreadable}`]);
      return { ok: false, events: 0, streams: 0, checkpoint: null, unreadable };
    }
  }

  /** The latest checkpoint: the root a receipt holds, and what it covers. */
  @ApiOperation({ summary: 'The latest audit checkpoint (Merkle root over every stream head)' })
  @Get('checkpoints/latest')
  @Roles('admin', 'aac_auditor', 'supervisor')
  async latest(@Query() _read: ReadQueryDto) {
    return { checkpoint: await this.checkpoints.latest() };
  }

  /** A checkpoint now (besides the scheduled ones and those at each report submission), e.g. before a hand-over. */
  @ApiOperation({ summary: 'Record an audit checkpoint now' })
  @Post('checkpoints')
  @HttpCode(201)
  @Roles('admin')
  async record(@CurrentActor() actor: Actor) {
    return { checkpoint: await this.checkpoints.record('on_request', { actorId: actor.userId, unitId: actor.unitId, at: this.clock.now() }) };
  }
}
