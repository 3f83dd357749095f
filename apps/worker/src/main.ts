import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule } from '@integrity/platform';
import { WorkerModule } from './worker.module';

@Module({ imports: [CqrsModule.forRoot(), PlatformModule.forRoot(), WorkerModule] })
class StandaloneWorkerModule {}

async function main(): Promise<void> {
  if (!process.env.MONGODB_URI) {
    throw new Error('The embedded read models live in one process: run `npm start`, or set MONGODB_URI to run the API and the worker apart.');
  }
  const app = await NestFactory.createApplicationContext(StandaloneWorkerModule);
  app.enableShutdownHooks();
  new Logger('worker').log('Worker running; stop it with Ctrl+C');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
