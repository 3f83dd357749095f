import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { SETTINGS, type Settings } from '@integrity/platform';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const apiOnly = process.argv.includes('--api-only');
  if (apiOnly && !process.env.MONGODB_URI) {
    throw new Error('The embedded read models live in one process: run `npm start`, or set MONGODB_URI to run the API and the worker apart.');
  }
  const app = await createApp({}, { withWorker: !apiOnly });
  const settings = app.get<Settings>(SETTINGS);
  await app.listen(settings.port);
  const url = `http://localhost:${settings.port}`;
  new Logger('integrity-platform').log(`Ready at ${url}  (API docs: ${url}/api/docs, data in ${settings.dataDir})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
