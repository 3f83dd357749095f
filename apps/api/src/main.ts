import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { JsonLogger, nodeEndOfLifeWarning, SETTINGS, settingsFrom, type Settings } from '@integrity/platform';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const apiOnly = process.argv.includes('--api-only');
  // Checked before Nest starts, so a bad setting is one message rather than a failed module.
  settingsFrom(process.env, apiOnly ? 'api' : 'all');
  const app = await createApp({}, { withWorker: !apiOnly, logger: new JsonLogger(apiOnly ? 'api' : 'api+worker') });
  const settings = app.get<Settings>(SETTINGS);
  await app.listen(settings.port);
  // The port it listens on, which the system chose when PORT is 0.
  const address = app.getHttpServer().address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : settings.port}`;
  const logger = new Logger('integrity-platform');
  const unsupported = nodeEndOfLifeWarning(process.version, new Date());
  if (unsupported) logger.warn(unsupported);
  logger.log(`Ready at ${url}  (API docs: ${url}/api/docs, data in ${settings.dataDir})`);
  // Nest closes the application on these signals; the log says why it stopped.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => logger.log(`${signal}: stopping`));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
