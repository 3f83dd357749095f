import type { RebuildProgress } from '@integrity/read-models';

/** A progress bar on a terminal (a line every few seconds elsewhere): share done, events/s and time left. */
export class RebuildProgressBar implements RebuildProgress {
  private readonly started = Date.now();
  private lastLine = 0;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  update(events: number, done: number, final = false): void {
    const now = Date.now();
    if (!final && now - this.lastLine < (this.out.isTTY ? 100 : 2000)) return;
    this.lastLine = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = events / seconds;
    const left = done > 0 ? (seconds * (1 - done)) / done : 0;
    const width = 30;
    const filled = Math.round(Math.min(done, 1) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const eta = new Date(left * 1000).toISOString().slice(11, 19);
    const line = `${bar} ${(done * 100).toFixed(1).padStart(5)}%  ${events.toLocaleString('en')} events  ${Math.round(rate).toLocaleString('en')} events/s  ETA ${eta}`;
    this.out.write(this.out.isTTY ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  }
}
