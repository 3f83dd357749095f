import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AuditCheckpointRecorder, type CheckpointReason } from '@integrity/audit';
import { CLOCK, type Clock } from '@integrity/domain';
import { SETTINGS, type Settings } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { Projector } from '../projector/projector';

/**
 * Records the audit checkpoints: every AUDIT_CHECKPOINT_EVERY_HOURS (skipped when nothing was recorded since the
 * last), and after each biweekly report's submission, whose report then carries the checkpoint's root as the
 * AAC's receipt. Submissions without a receipt are looked for after each batch that touched a report, and on
 * start, so one missed by a crash gets its receipt then.
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly recorder: AuditCheckpointRecorder,
    private readonly readModels: ActiveReadModels,
    private readonly projector: Projector,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.projector.onBatch((streamIds) => {
      if (streamIds.some((id) => id.startsWith('report-'))) void this.receipts();
    });
    void this.receipts();
    this.timer = setInterval(() => void this.record('scheduled'), this.settings.auditCheckpointEveryHours * 3600 * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One checkpoint covering every submitted report without a receipt yet; one run at a time. */
  receipts(): Promise<void> {
    return this.serially(async () => {
      const pending = await (await this.readModels.current()).reports.find({ receiptPending: true });
      if (pending.length === 0) return;
      const checkpoint = await this.recorder.record('report_submitted', this.by(), pending.map((report) => report._id));
      this.logger.log(`Checkpoint ${checkpoint.root.slice(0, 12)}… covers the submission of ${pending.length} report(s)`);
    });
  }

  private record(reason: CheckpointReason): Promise<void> {
    return this.serially(async () => {
      const checkpoint = await this.recorder.record(reason, this.by());
      this.logger.log(`Checkpoint ${checkpoint.root.slice(0, 12)}… covers ${checkpoint.events} event(s) in ${checkpoint.streams} stream(s)`);
    });
  }

  private by() {
    return { actorId: 'audit-checkpoints', unitId: null, at: this.clock.now() };
  }

  private serially(work: () => Promise<void>): Promise<void> {
    this.running = this.running.then(work).catch((error: unknown) => this.logger.error(`Recording a checkpoint failed: ${error instanceof Error ? error.message : String(error)}`));
    return this.running;
  }
}
