import { NestFactory } from '@nestjs/core';
import { existsSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { LoggerService } from '@nestjs/common';
import { zhTwMessage } from '@integrity/domain';
import { JsonLogger, SETTINGS, type PlatformOptions, type Settings } from '@integrity/platform';
import { AppModule } from './app.module';
import { GracefulStop } from './http/graceful-stop';
import { inputErrorHandler, inputGuard } from './http/input-guard';
import { identifyRequest, inCorrelation } from './http/request-correlation';
import { securityHeaders } from './http/security-headers';

/** The API as `npm start` runs it and as the e2e tests drive it. */
export async function createApp(options: PlatformOptions = {}, { logger = new JsonLogger('api') as LoggerService | false, withWorker = false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options, withWorker), { logger });
  app.setGlobalPrefix('api/v1');
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  const settings = app.get<Settings>(SETTINGS);
  app.use(app.get(GracefulStop).middleware);
  app.use(identifyRequest);
  for (const handler of securityHeaders({ hsts: settings.trustProxy })) app.use(handler);
  if (settings.trustProxy) app.set('trust proxy', 1);
  app.useBodyParser('json', { limit: settings.maxBodyBytes });
  app.use(inCorrelation);
  // Right after the parser: what it refuses, and input no route should see, answer in the API's shape.
  app.use(inputGuard);
  app.use(inputErrorHandler);
  const openapi = new DocumentBuilder()
    .setTitle('integrity-platform API')
    .setDescription('Village Integrity Platform (村里廉政平臺): reflections, their follow-up, sites, outreach and promotion')
    .setVersion('1')
    .setLicense('UNLICENSED: for the Village Integrity Platform programme', 'https://www.aac.moj.gov.tw/')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveWebApplication(app);
  answerUnreadableRequests(app.getHttpServer() as Server);
  return app;
}

/**
 * Requests Node refuses before any route (headers over its limit, malformed HTTP) still answer in the API's
 * shape, not with a bare status line.
 */
function answerUnreadableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const [status, reason, code] = tooLarge ? [431, 'Request Header Fields Too Large', 'REQUEST_HEADER_FIELDS_TOO_LARGE'] : [400, 'Bad Request', 'BAD_REQUEST'];
    // Unread, the request cannot say its language: the answer is in the users' own, zh-TW.
    const body = JSON.stringify({ error: code, message: zhTwMessage(code) });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** The built single-page application (`npm run build:web`), at `/`, on the API's port. */
const WEB_DIR = resolve(__dirname, '../../../', existsSync(resolve(__dirname, '../../../web')) ? 'web' : 'dist/web');

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };

/**
 * Hashed assets never change under their name: cached for a year, sent precompressed (brotli, else gzip) when
 * the browser takes it. index.html is revalidated on every load, so a new build is picked up at once.
 */
function serveAsset(request: Request, response: Response, next: NextFunction): void {
  let file: string;
  try {
    file = join(WEB_DIR, decodeURIComponent(request.originalUrl.split('?')[0]));
  } catch {
    return next();
  }
  if (!file.startsWith(join(WEB_DIR, 'assets'))) return next();
  response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  const type = TYPES[extname(file)];
  const accepted = String(request.headers['accept-encoding'] ?? '');
  const encoding = type ? ENCODINGS.find((e) => accepted.includes(e.name) && existsSync(`${file}${e.suffix}`)) : undefined;
  if (!encoding) return next();
  response.setHeader('Content-Encoding', encoding.name);
  response.setHeader('Content-Type', type);
  response.setHeader('Vary', 'Accept-Encoding');
  response.sendFile(`${file}${encoding.suffix}`);
}

/** Paths the application's routes never take: files (a name with an extension), its assets, the API's probes. */
const NOT_A_PAGE = /^\/(?:assets\/|health\b|metrics\b)|\.[A-Za-z0-9]+$/;

function serveWebApplication(app: NestExpressApplication): void {
  if (!existsSync(join(WEB_DIR, 'index.html'))) return;
  app.use('/assets', serveAsset);
  // Browsers ask for /favicon.ico whatever the page names; the application's icon is an SVG among its assets.
  const icon = readdirSync(join(WEB_DIR, 'assets')).find((name) => /^favicon-.*\.svg$/.test(name));
  if (icon) {
    app.use('/favicon.ico', (_request: Request, response: Response) => {
      response.setHeader('Cache-Control', 'public, max-age=604800');
      response.type('image/svg+xml').sendFile(join(WEB_DIR, 'assets', icon));
    });
  }
  app.useStaticAssets(WEB_DIR, { index: false });
  // Every other GET that is not the API is a route of the application; a file, or a probe that missed the API's
  // prefix (/health, /metrics), is not found rather than answered with the page.
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path.startsWith('/api/') || NOT_A_PAGE.test(request.path)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(join(WEB_DIR, 'index.html'));
  });
}
