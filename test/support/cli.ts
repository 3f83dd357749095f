import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/**
 * An operator command of `apps/cli` run as `npm run` runs it, from its TypeScript, on a data directory: its exit
 * code, what it printed (stdout, the report) and what it said (stderr).
 */
export function runCli(script: string, args: string[], dataDir: string): Promise<{ code: number | null; out: string; said: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, 'apps/cli/src', script), ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, EVENTSTORE_CONNECTION_STRING: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let said = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.stderr.on('data', (chunk) => (said += String(chunk)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, said }));
  });
}
