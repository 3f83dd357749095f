import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlatformModule } from '@integrity/platform';
import { WorkerModule } from './worker.module';

@Module({ imports: [PlatformModule.forRoot(), WorkerModule] })
class StandaloneWorkerModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(StandaloneWorkerModule);
  app.enableShutdownHooks();
  new Logger('worker').log('Worker running; stop it with Ctrl+C');
}

void main();
