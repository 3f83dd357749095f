import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The first administrator's password when the operator chose none: written to a file in DATA_DIR that only this
 * user may read, never to a log. It must be changed at first sign-in; the file goes once it has been.
 */
export class FirstAdminPassword {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'admin-password');
  }

  keep(password: string): void {
    writeFileSync(this.file, `${password}\n`, { mode: 0o600, flag: 'w' });
  }

  discard(): void {
    if (existsSync(this.file)) rmSync(this.file);
  }
}
