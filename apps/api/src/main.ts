import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { SETTINGS, type Settings } from '@integrity/platform';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const app = await createApp({}, { withWorker: !process.argv.includes('--api-only') });
  const settings = app.get<Settings>(SETTINGS);
  await app.listen(settings.port);
  const url = `http://localhost:${settings.port}`;
  new Logger('integrity-platform').log(`Ready at ${url}  (API docs: ${url}/api/docs, data in ${settings.dataDir})`);
}

void main();
