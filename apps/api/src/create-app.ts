import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { PlatformOptions } from '@integrity/platform';
import { AppModule } from './app.module';

/** The API as `npm start` runs it and as the e2e tests drive it. */
export async function createApp(options: PlatformOptions = {}, { logger = true, withWorker = false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options, withWorker), { logger: logger ? undefined : false });
  app.setGlobalPrefix('api/v1');
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '1mb' });
  const openapi = new DocumentBuilder()
    .setTitle('integrity-platform API')
    .setDescription('Village Integrity Platform (村里廉政平臺): reflections, their follow-up, sites, outreach and promotion')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
