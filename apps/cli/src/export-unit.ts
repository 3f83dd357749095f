import 'reflect-metadata';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { taipeiDateOf } from '@integrity/domain';
import { IdentityModule, UnitRegister } from '@integrity/identity';
import { PlatformModule } from '@integrity/platform';
import { ReportsModule, UnitExport } from '@integrity/reports';
import { ethicsUnitByCode } from './ethics-unit-by-code';
import { CommandRefused, existingDataDir, optionValue, positionalArguments, runCommand } from './run-command';

const USAGE = '用法 (usage): npm run export:unit -- --unit <單位代碼> <匯出目錄> [--data-dir <dir>]';
const VALUED = ['--unit', '--data-dir'];

/** What the export needs of the product: the stores, the units, the reports' documents; no HTTP, no worker. */
@Module({ imports: [CqrsModule.forRoot(), PlatformModule.forRoot({}), IdentityModule, ReportsModule] })
class ExportUnitModule {}

/**
 * `npm run export:unit -- --unit <code> <dir>`: everything of a unit from a stopped data directory (`--data-dir`,
 * else DATA_DIR), written into a new or empty directory as the ZIP of 匯入與匯出 holds it, for `npm run
 * audit:verify -- --export <dir>`. Run by an operator, who is none of the unit's users: no reporter's data in clear.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string) => optionValue(args, name);
  const [target, ...extra] = positionalArguments(args, VALUED);
  const unitCode = option('--unit');
  if (!target || !unitCode || extra.length > 0) throw new CommandRefused('USAGE', USAGE);
  const out = resolve(target);
  if (existsSync(out) && readdirSync(out).length > 0) throw new CommandRefused('EXPORT_DIR_NOT_EMPTY', `匯出目錄須為新的或空的目錄：${out}`);
  process.env.DATA_DIR = existingDataDir([option('--data-dir') ?? process.env.DATA_DIR ?? './data'], {});
  process.env.EVENTSTORE_CONNECTION_STRING = '';
  const app = await NestFactory.createApplicationContext(ExportUnitModule, { logger: false, abortOnError: false });
  try {
    const unit = await ethicsUnitByCode(app.get(UnitRegister), unitCode);
    const now = new Date();
    const { files, manifest } = await app.get(UnitExport).files(unit, null, now, taipeiDateOf(now));
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), bytes, { mode: 0o600 });
    }
    console.error(`已匯出「${unit.name}」：案件 ${manifest.cases} 件、彙報表 ${manifest.reports} 期、細部計畫 ${manifest.plans} 份、歷程紀錄 ${manifest.events} 筆，至 ${out} (exported)`);
    return 0;
  } finally {
    await app.close();
  }
}

runCommand(main);
