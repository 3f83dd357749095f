import 'reflect-metadata';
import { Logger, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { hostname } from 'node:os';
import { Leadership, type Fence, type Lease } from '@integrity/lease';
import { JsonLogger, nodeEndOfLifeWarning, openWorkerLease, PlatformModule, settingsFrom } from '@integrity/platform';
import { serveWorkerHealth, type WorkerRole } from './health/worker-health-server';
import { WorkerModule } from './worker.module';

@Module({})
class StandaloneWorkerModule {
  /** The worker's writes are fenced by its leadership of the lease. */
  static forRoot(fence: Fence): DynamicModule {
    return { module: StandaloneWorkerModule, imports: [CqrsModule.forRoot(), PlatformModule.forRoot({ role: 'worker' }), WorkerModule.forRoot(fence)] };
  }
}

/**
 * A worker apart from the API. Any number may run: the one holding the lease leads (projects, reconciles, drafts,
 * sends reminders) and the others stand by with everything loaded, taking over when the leader dies. A leader that
 * loses the lease stops at once, so two never lead for longer than one renewal; whatever runs twice meanwhile is
 * written once (fixed command ids, expected revisions, the projector's guarded writes).
 */
async function main(): Promise<void> {
  const json = new JsonLogger('worker');
  Logger.overrideLogger(json);
  const logger = new Logger('worker');
  const settings = settingsFrom(process.env, 'worker');
  const unsupported = nodeEndOfLifeWarning(process.version, new Date());
  if (unsupported) logger.warn(unsupported);
  // The worker's settings were refused without REDIS_URL or MONGODB_URI, so there is a lease to open.
  const lease = openWorkerLease(settings) as Lease;
  const leadership = new Leadership(lease, `${hostname()}-${process.pid}`);
  let role: WorkerRole = 'standby';
  const health = await serveWorkerHealth(settings.workerHealthPort, () => ({ role, holder: leadership.holder }));
  logger.log(`Health at http://localhost:${health.port}/api/v1/health/live and /ready`);
  let app: INestApplicationContext | null = null;
  const stop = async (signal: string) => {
    logger.log(`${signal}: stopping`);
    await app?.close();
    health.server.close();
    await leadership.release();
    await lease.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void stop(s));

  logger.log(`Worker ${leadership.holder} waiting for the lease`);
  // False when told to stop while standing by: `stop` ends the process.
  if (!(await leadership.lead((leader) => logger.log(leader ? `Standing by while ${leader} leads` : 'Standing by')))) return;
  logger.log(`Worker ${leadership.holder} leads`);
  role = 'starting';
  leadership.keep((reason) => {
    logger.error(`Lost the lease (${reason}): stopping at once, so that one worker leads`);
    process.exit(1);
  });
  try {
    app = await NestFactory.createApplicationContext(StandaloneWorkerModule.forRoot(leadership), { logger: json });
  } catch (error) {
    await leadership.release();
    throw error;
  }
  role = 'leading';
  if (!settings.mongodbUri) logger.warn(`The read models are embedded in DATA_DIR (${settings.dataDir}): only this worker reads them; set MONGODB_URI to serve them to the API`);
  logger.log('Worker running; stop it with Ctrl+C');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
