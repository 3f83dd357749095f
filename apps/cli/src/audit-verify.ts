import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CommandRefused, existingDataDir, optionValue, runCommand } from './run-command';
import { ExportedLog, verifyChains } from '@integrity/audit';
import type { EventStore } from '@integrity/event-store';
import { openEventLog, settingsFrom } from '@integrity/platform';

/** `--receipt <root>`: a root the AAC holds, checked against the log too. */
function receiptArgument(): string | undefined {
  const at = process.argv.indexOf('--receipt');
  if (at < 0) return undefined;
  const root = process.argv[at + 1] ?? '';
  if (!/^[0-9a-f]{64}$/.test(root)) throw new Error('--receipt takes the 64 hexadecimal digits of a checkpoint root');
  return root;
}

/**
 * An unzipped unit export (`--export <dir>`): its event log, and the files its manifest lists whose bytes are no
 * longer the ones exported.
 */
function exportedLog(dir: string): { log: EventStore; changedFiles: string[] } {
  const events = join(resolve(dir), 'events.jsonl');
  if (!existsSync(events)) throw new CommandRefused('EXPORT_NOT_FOUND', `此目錄不是解壓縮後的單位匯出資料（找不到 events.jsonl）：${resolve(dir)}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
  const changedFiles = Object.entries(manifest.files).filter(([path, sum]) => !existsSync(join(dir, path)) || createHash('sha256').update(readFileSync(join(dir, path))).digest('hex') !== sum).map(([path]) => path);
  return { log: new ExportedLog(readFileSync(events, 'utf8')), changedFiles };
}

/**
 * `npm run audit:verify [-- <data directory>]`: every stream's hash chain and the latest checkpoint recomputed from
 * the event log of the directory given (else DATA_DIR, which must exist) or of EVENTSTORE_CONNECTION_STRING, beside
 * the running application or offline on a backup; with `-- --receipt <root>`, a receipt the AAC holds as well; with
 * `-- --export <dir>`, an unzipped unit export (its streams' chains, the checkpoints, its manifest's files). Prints the verdict as JSON; exits 1 when
 * anything is broken. The log is read as it is: nothing migrated.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const exported = args.includes('--export') ? exportedLog(optionValue(args, '--export') ?? '') : null;
  const env = exported || process.env.EVENTSTORE_CONNECTION_STRING ? process.env : { ...process.env, DATA_DIR: existingDataDir(args, process.env, ['--receipt']) };
  const log = exported?.log ?? (await openEventLog(settingsFrom(env)));
  let said = Date.now();
  try {
    const chains = await verifyChains(log, {
      partial: exported !== null,
      receipt: receiptArgument(),
      progress: (events, position) => {
        if (Date.now() - said < 2000) return;
        said = Date.now();
        console.error(`Verified ${events} events (position ${position})…`);
      },
    });
    const verdict = exported ? { ...chains, ok: chains.ok && exported.changedFiles.length === 0, changedFiles: exported.changedFiles } : chains;
    process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
    const broken = verdict.firstBroken;
    console.error(
      verdict.ok
        ? `Intact: ${verdict.events} events in ${verdict.streams} streams${verdict.checkpoint ? `, and the checkpoint of ${verdict.checkpoint.recordedAt} (root ${verdict.checkpoint.root}) agrees` : ', no checkpoint recorded yet'}`
        : broken
          ? `BROKEN: ${broken.reason} in ${broken.streamId} at revision ${broken.revision}`
          : `BROKEN: files changed since the export: ${exported?.changedFiles.join(', ')}`,
    );
    return verdict.ok ? 0 : 1;
  } finally {
    await log.close();
  }
}

runCommand(main);
