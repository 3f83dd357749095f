import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  serveWebApplication(app);
  return app;
}

/** The built single-page application (`npm run build:web`), at `/`, on the API's port. */
const WEB_DIR = resolve(__dirname, '../../../', existsSync(resolve(__dirname, '../../../web')) ? 'web' : 'dist/web');

function serveWebApplication(app: NestExpressApplication): void {
  if (!existsSync(join(WEB_DIR, 'index.html'))) return;
  app.useStaticAssets(WEB_DIR, { index: false });
  // Every other GET that is not the API is a route of the application.
  app.use((request: { method: string; path: string }, response: { sendFile: (file: string) => void }, next: () => void) => {
    if (request.method === 'GET' && !request.path.startsWith('/api/')) response.sendFile(join(WEB_DIR, 'index.html'));
    else next();
  });
}
