import { Injectable } from '@nestjs/common';

export interface ImportProgressView {
  stage: 'check' | 'record' | 'done';
  done: number;
  total: number;
}

/** How long a finished import's progress stays readable, for a screen's last look. */
const KEPT_AFTER_DONE_MS = 60_000;

/**
 * How far each running import is, by an id its caller chose, for the screen to show a bar while the request runs.
 * Kept in this process only: another API process behind the same address does not know it (the screen then shows
 * that it is working, without counts).
 */
@Injectable()
export class ImportProgress {
  private readonly running = new Map<string, ImportProgressView & { actorId: string }>();

  /** The callback an import reports to, under `id`, readable by `actorId` alone. */
  track(id: string, actorId: string): (done: number, total: number, stage: 'check' | 'record') => void {
    this.running.set(id, { actorId, stage: 'check', done: 0, total: 0 });
    return (done, total, stage) => this.running.set(id, { actorId, stage, done, total });
  }

  finish(id: string): void {
    const entry = this.running.get(id);
    if (entry) this.running.set(id, { ...entry, stage: 'done' });
    setTimeout(() => this.running.delete(id), KEPT_AFTER_DONE_MS).unref();
  }

  of(id: string, actorId: string): ImportProgressView | null {
    const entry = this.running.get(id);
    if (!entry || entry.actorId !== actorId) return null;
    const { stage, done, total } = entry;
    return { stage, done, total };
  }
}
