import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { StoreDamagedError, StoreIntegrity } from '@integrity/platform';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every write refused at once while a store is damaged (503 STORE_DAMAGED), before it touches anything. Signing
 * in and out stay open, so people can still read what the stores still give.
 */
@Injectable()
export class StoreDamageInterceptor implements NestInterceptor {
  constructor(private readonly integrity: StoreIntegrity) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const damaged = this.integrity.damaged();
    if (damaged.length > 0 && !READS.has(request.method) && !request.path.startsWith('/api/v1/auth/')) throw new StoreDamagedError(damaged);
    return next.handle();
  }
}
