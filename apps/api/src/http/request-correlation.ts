import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Correlation, CORRELATION_ID_SHAPE } from '@integrity/platform';

const logger = new Logger('HTTP');

const given = (request: Request, name: string): string | null => {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && CORRELATION_ID_SHAPE.test(first) ? first : null;
};

/**
 * First of all: the request's correlation id, from X-Request-Id (a proxy's) or X-Correlation-Id, else a fresh one;
 * sent back as X-Request-Id, kept on the request for the events it records, and logged with the request's outcome.
 * The path is logged without its query, which may hold what a user searched for.
 */
export function identifyRequest(request: Request & { correlationId?: string }, response: Response, next: NextFunction): void {
  const id = given(request, 'x-request-id') ?? given(request, 'x-correlation-id') ?? randomUUID();
  request.correlationId = id;
  response.setHeader('X-Request-Id', id);
  const started = process.hrtime.bigint();
  response.once('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.log({ msg: 'request', correlationId: id, method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, ms: Math.round(ms * 10) / 10 });
  });
  next();
}

/** After the body is read (a stream's callbacks would lose it): the rest of the request runs in its correlation. */
export function inCorrelation(request: Request & { correlationId?: string }, _response: Response, next: NextFunction): void {
  Correlation.run(request.correlationId ?? randomUUID(), next);
}
