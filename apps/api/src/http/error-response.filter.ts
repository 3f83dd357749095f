import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@integrity/domain';
import { ConcurrencyConflictError } from '@integrity/event-store';
import { IdentityError } from '@integrity/identity';
import { RequestValidationError } from './request-validation.pipe';

export interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

const DOMAIN_STATUS = { invalid: HttpStatus.BAD_REQUEST, conflict: HttpStatus.CONFLICT, not_found: HttpStatus.NOT_FOUND, forbidden: HttpStatus.FORBIDDEN } as const;

/** Every error leaves as {"error":"<CODE>","message":"…","details"?}. */
export function errorResponseOf(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof RequestValidationError) {
    return { status: 400, body: { error: 'VALIDATION_FAILED', message: error.message, details: error.problems } };
  }
  if (error instanceof DomainError) {
    const details = error.field ? [{ field: error.field, reason: error.message }] : error.details;
    return { status: DOMAIN_STATUS[error.kind], body: { error: error.code, message: error.message, details } };
  }
  if (error instanceof IdentityError) {
    const details = error.field ? [{ field: error.field, reason: error.message }] : undefined;
    return { status: error.status, body: { error: error.code, message: error.message, details } };
  }
  if (error instanceof ConcurrencyConflictError) {
    return {
      status: 409,
      body: { error: 'CONCURRENCY_CONFLICT', message: error.message, details: { currentRevision: error.currentRevision, expectedRevision: error.expectedRevision } },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response !== null && 'error' in response && 'message' in response) {
      return { status, body: response as ErrorBody };
    }
    const code = (HttpStatus[status] as string | undefined) ?? 'HTTP_ERROR';
    const message = typeof response === 'object' && response !== null && 'message' in response ? String((response as { message: unknown }).message) : error.message;
    return { status, body: { error: code, message } };
  }
  return { status: 500, body: { error: 'INTERNAL_ERROR', message: 'Something went wrong on our side; nothing you sent was lost' } };
}

@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const { status, body } = errorResponseOf(error);
    if (status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}
