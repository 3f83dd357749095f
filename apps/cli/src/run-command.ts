import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataDirInUseError } from '@integrity/platform';

/**
 * Runs an operator command: exits with the code it answers, or, when it fails, says why in one line (no stack trace
 * over the message) and exits 2.
 */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const said = error instanceof DataDirInUseError ? new CommandRefused(error.code, `資料目錄正由程序 ${error.holder} 使用中：${error.dataDir}；請先停止該程序，或設定 MONGODB_URI 以共用讀取模型`) : error;
      console.error(said instanceof Error ? said.message : said);
      process.exit(2);
    },
  );
}

/** A refusal an operator reads: in zh-TW, with the English code beside it to search for. */
export class CommandRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${message}（${code}）`);
    this.name = 'CommandRefused';
  }
}

/**
 * The data directory a command reads: the one given as its argument (the options in `valued` take the next
 * argument), else DATA_DIR, else ./data. One that is not there is refused, never made: a mistyped path would
 * otherwise be checked as an empty log and reported intact.
 */
export function existingDataDir(args: string[], env: NodeJS.ProcessEnv, valued: string[] = []): string {
  const given = positionalArguments(args, valued);
  if (given.length > 1) throw new CommandRefused('TOO_MANY_DIRECTORIES', `只能指定一個資料目錄，收到 ${given.length} 個：${given.join('、')}`);
  const dataDir = resolve(given[0] ?? env.DATA_DIR ?? './data');
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new CommandRefused('DATA_DIR_NOT_FOUND', `資料目錄不存在：${dataDir}`);
  return dataDir;
}

/** The arguments that are neither options nor the values of the options in `valued`. */
export function positionalArguments(args: string[], valued: string[]): string[] {
  return args.filter((arg, i) => !arg.startsWith('--') && !valued.includes(args[i - 1] ?? ''));
}

/** The value given after an option (`--unit LOG`), if the option is there. */
export function optionValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

