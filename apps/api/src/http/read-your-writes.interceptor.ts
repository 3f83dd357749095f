import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { IdentityError } from '@integrity/identity';
import { ActiveReadModels, ReadModelBehindError } from '@integrity/read-models';

const WAIT_MS = 2000;
const POSITION = /^\d{1,60}$/;

/**
 * Read-your-writes: a request with X-Min-Position (or a GET with ?minPosition=<position>) waits until the read models hold
 * the command that answered that position, up to 2 s, then answers; or 503 if the projector is behind.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly readModels: ActiveReadModels) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    // GETs take it as a query parameter too; a command that reads the read models (drafting a report) as a header.
    const wanted = (request.method === 'GET' ? request.query.minPosition : undefined) ?? request.header('x-min-position');
    if (wanted === undefined) return next.handle();
    if (typeof wanted !== 'string' || !POSITION.test(wanted)) {
      throw new IdentityError('INVALID_MIN_POSITION', 'minPosition must be a position as a command answered it (digits)', 400, 'minPosition');
    }
    return from(this.readModels.caughtUpWith(BigInt(wanted), WAIT_MS)).pipe(
      switchMap((caughtUp) => {
        if (!caughtUp) throw new ReadModelBehindError(`The read models have not yet reached position ${wanted} after ${WAIT_MS / 1000} s; try again shortly`);
        return next.handle();
      }),
    );
  }
}
