import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'read-models.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Another process holds the data directory's embedded read models. */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';

  constructor(
    readonly holder: number,
    readonly dataDir: string,
  ) {
    super(`Process ${holder} already serves the embedded read models in ${dataDir}. Stop it first, or set MONGODB_URI to share read models between processes.`);
    this.name = 'DataDirInUseError';
  }
}

/**
 * The embedded read models live in one process's memory: a second process on the same DATA_DIR would serve
 * stale data and overwrite the first's. The lock file names the process that holds them.
 */
export const DataDirLock = {
  lockFilesHeld: new Set<string>(),

  acquire(dataDir: string): void {
    const file = join(dataDir, LOCK_FILE);
    if (this.lockFilesHeld.has(file)) return;
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
    } catch {
      const holder = Number(readFileSync(file, 'utf8'));
      if (holder !== process.pid && alive(holder)) {
        throw new DataDirInUseError(holder, dataDir);
      }
      writeFileSync(file, String(process.pid));
    }
    this.lockFilesHeld.add(file);
  },

  release(dataDir: string): void {
    const file = join(dataDir, LOCK_FILE);
    if (this.lockFilesHeld.delete(file)) rmSync(file, { force: true });
  },
};
