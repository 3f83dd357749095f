import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, zhTwConstraint, zhTwMessage } from '@integrity/domain';
import { AppendOutcomeUnknownError, ConcurrencyConflictError, LogBusyError } from '@integrity/event-store';
import { IdentityError } from '@integrity/identity';
import { StorageFullError, StoreDamagedError } from '@integrity/platform';
import { ReadModelBehindError } from '@integrity/read-models';
import { InputRefusedError } from './input-refused.error';
import { RequestValidationError } from './request-validation.pipe';

export interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

const DOMAIN_STATUS = { invalid: HttpStatus.BAD_REQUEST, conflict: HttpStatus.CONFLICT, not_found: HttpStatus.NOT_FOUND, forbidden: HttpStatus.FORBIDDEN } as const;

/** The request asks for Traditional Chinese: its first language is zh (zh-TW, zh-Hant, zh). */
export const wantsZhTw = (acceptLanguage: string | undefined): boolean => /^\s*zh\b/i.test(acceptLanguage ?? '');

/** A refusal with a code, a field and the values its message names, in English or in zh-TW. */
function refusal(code: string, english: string, field: string | undefined, params: Record<string, unknown> | undefined, details: unknown, zh: boolean): ErrorBody {
  const message = (zh && zhTwMessage(code, { field, params })) || english;
  return { error: code, message, details: field ? [{ field, reason: message }] : details };
}

/** Every error leaves as {"error":"<CODE>","message":"…","details"?}: in zh-TW when the request asks for it, codes as they are. */
export function errorResponseOf(error: unknown, zh = false): { status: number; body: ErrorBody } {
  if (error instanceof RequestValidationError) {
    const details = zh ? error.problems.map(({ field, reason, constraint }) => ({ field, reason: zhTwConstraint(constraint, field, reason) })) : error.problems.map(({ field, reason }) => ({ field, reason }));
    return { status: 400, body: { error: 'VALIDATION_FAILED', message: (zh && zhTwMessage('VALIDATION_FAILED')) || error.message, details } };
  }
  if (error instanceof DomainError) {
    return { status: DOMAIN_STATUS[error.kind], body: refusal(error.code, error.message, error.field, error.params, error.details, zh) };
  }
  if (error instanceof IdentityError) {
    return { status: error.status, body: refusal(error.code, error.message, error.field, error.params, undefined, zh) };
  }
  if (error instanceof InputRefusedError) {
    return { status: error.status, body: refusal(error.code, error.message, error.field, undefined, undefined, zh) };
  }
  if (error instanceof StoreDamagedError) {
    const details = error.where ? [{ store: 'eventStore', ...error.where }] : error.stores.map((store) => ({ store }));
    return { status: 503, body: refusal(error.code, error.message, undefined, error.where ?? undefined, details, zh) };
  }
  if (error instanceof StorageFullError || ['SQLITE_FULL', 'ENOSPC'].includes(String((error as { code?: unknown } | null)?.code))) {
    // 507 Insufficient Storage: the request was understood, there is no room to record it.
    const full = error instanceof StorageFullError ? error : new StorageFullError();
    return { status: 507, body: refusal(full.code, full.message, undefined, undefined, undefined, zh) };
  }
  if (error instanceof ReadModelBehindError) {
    return { status: 503, body: refusal(error.code, error.message, undefined, undefined, undefined, zh) };
  }
  if (error instanceof AppendOutcomeUnknownError) {
    const english = 'Whether this was recorded is not known yet: reload to see, and send it again if it is missing (a request sent again is never recorded twice)';
    return { status: 503, body: refusal(error.code, english, undefined, undefined, undefined, zh) };
  }
  if (error instanceof LogBusyError) {
    return { status: 503, body: refusal(error.code, 'The event log is busy and did not record this: send it again in a moment', undefined, undefined, undefined, zh) };
  }
  if (error instanceof ConcurrencyConflictError) {
    const details = { currentRevision: error.currentRevision, expectedRevision: error.expectedRevision };
    return { status: 409, body: refusal('CONCURRENCY_CONFLICT', error.message, undefined, undefined, details, zh) };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    // Ours carry a code (READ_MODEL_BEHIND); Nest's own ("Not Found", "Cannot GET …") become the status's code.
    if (typeof response === 'object' && response !== null && 'error' in response && 'message' in response && /^[A-Z_]+$/.test(String(response.error))) {
      const body = response as ErrorBody;
      return { status, body: refusal(body.error, body.message, undefined, undefined, body.details, zh) };
    }
    const code = (HttpStatus[status] as string | undefined) ?? 'HTTP_ERROR';
    const message = typeof response === 'object' && response !== null && 'message' in response ? String((response as { message: unknown }).message) : error.message;
    return { status, body: refusal(code, message, undefined, undefined, undefined, zh) };
  }
  return { status: 500, body: refusal('INTERNAL_ERROR', 'Something went wrong on our side; nothing you sent was lost', undefined, undefined, undefined, zh) };
}

@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const { status, body } = errorResponseOf(error, wantsZhTw(http.getRequest<Request>().header('accept-language')));
    if (status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    http.getResponse<Response>().status(status).json(body);
  }
}
