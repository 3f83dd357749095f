import 'reflect-metadata';
import { existingDataDir, runCommand } from './run-command';
import { verifyChains } from '@integrity/audit';
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
 * `npm run audit:verify [-- <data directory>]`: every stream's hash chain and the latest checkpoint recomputed from
 * the event log of the directory given (else DATA_DIR, which must exist) or of EVENTSTORE_CONNECTION_STRING, beside
 * the running application or offline on a backup; with `-- --receipt <root>`, a receipt the AAC holds as well. Prints the verdict as JSON; exits 1 when
 * anything is broken. The log is read as it is: nothing migrated.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const env = process.env.EVENTSTORE_CONNECTION_STRING ? process.env : { ...process.env, DATA_DIR: existingDataDir(args, process.env, ['--receipt']) };
  const log = await openEventLog(settingsFrom(env));
  let said = Date.now();
  try {
    const verdict = await verifyChains(log, {
      receipt: receiptArgument(),
      progress: (events, position) => {
        if (Date.now() - said < 2000) return;
        said = Date.now();
        console.error(`Verified ${events} events (position ${position})…`);
      },
    });
    process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
    const broken = verdict.firstBroken;
    console.error(
      verdict.ok
        ? `Intact: ${verdict.events} events in ${verdict.streams} streams${verdict.checkpoint ? `, and the checkpoint of ${verdict.checkpoint.recordedAt} (root ${verdict.checkpoint.root}) agrees` : ', no checkpoint recorded yet'}`
        : `BROKEN: ${broken?.reason} in ${broken?.streamId} at revision ${broken?.revision}`,
    );
    return verdict.ok ? 0 : 1;
  } finally {
    await log.close();
  }
}

runCommand(main);
