import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { CLOCK, type Clock } from '@integrity/domain';
import { commandIdFor, IdentityError, type Actor } from '@integrity/identity';
import { DuplicateKeyError, READ_MODEL_STORE, type ReadModelStore } from '@integrity/read-models';

interface IdempotencyRecord {
  _id: string;
  requestHash: string;
  state: 'in_progress' | 'completed';
  status?: number;
  body?: unknown;
  startedAt: string;
  /** Renewed while the request runs: once past, its process died and the key may be used again. */
  leaseUntil?: string;
}

/**
 * The lease on a key in progress, renewed every second while its request runs: a key whose process was killed is
 * free again at most this long after (issue 11: within 5 s). Real time, not the clock port: it is about whether a
 * process is alive, not about the programme's dates.
 */
const LEASE_MS = 4_000;
const RENEW_EVERY_MS = 1_000;
/** Records written before leases existed: a request that started this long ago was cut off by a crash. */
const ABANDONED_AFTER_MS = 60_000;

const leaseFrom = (now: number) => new Date(now + LEASE_MS).toISOString();

/** Answered once and never kept (a citizen's receipt code and PIN): a replayed answer goes without them. */
const SAID_ONCE = ['receiptCode', 'receiptPin'];
const withoutSecrets = (body: unknown): unknown =>
  body && typeof body === 'object' && !Array.isArray(body) ? Object.fromEntries(Object.entries(body).filter(([key]) => !SAID_ONCE.includes(key))) : body;

/**
 * Idempotency-Key on a POST: the same key and body answer the same response, and never write a second event
 * (the key also fixes the command id, so even a request cut off mid-way is completed once by its retry).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly records;

  constructor(
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.records = store.collection<IdempotencyRecord>('idempotency_records');
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || !key || !request.actor) return next.handle();
    if (key.length > 200) throw new IdentityError('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be at most 200 characters', 400, 'Idempotency-Key');
    return from(this.once(request, context.switchToHttp().getResponse<Response>(), key, next));
  }

  private async once(request: Request & { actor?: Actor }, response: Response, key: string, next: CallHandler): Promise<unknown> {
    const id = commandIdFor(request.actor!.userId, key);
    const requestHash = createHash('sha256').update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? {})}`).digest('hex');
    const now = this.clock.now();
    const earlier = await this.claim({ _id: id, requestHash, state: 'in_progress', startedAt: now.toISOString(), leaseUntil: leaseFrom(Date.now()) });
    if (earlier) {
      if (earlier.requestHash !== requestHash) {
        throw new IdentityError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request', 422, 'Idempotency-Key');
      }
      if (earlier.state === 'in_progress') {
        throw new IdentityError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still in progress', 409, 'Idempotency-Key');
      }
      response.status(earlier.status!).setHeader('Idempotent-Replayed', 'true');
      return earlier.body;
    }
    const renewal = setInterval(() => {
      this.records.updateOne({ _id: id, state: 'in_progress' }, { $set: { leaseUntil: leaseFrom(Date.now()) } }).catch(() => undefined);
    }, RENEW_EVERY_MS);
    renewal.unref();
    try {
      const body = await lastValueFrom(next.handle());
      await this.records.updateOne({ _id: id }, { $set: { state: 'completed', status: response.statusCode, body: withoutSecrets(body) } });
      return body;
    } catch (error) {
      await this.records.deleteOne({ _id: id });
      throw error;
    } finally {
      clearInterval(renewal);
    }
  }

  /** Claims the key for this request; answers the earlier record when another request holds it. */
  private async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | null> {
    try {
      await this.records.insertOne(record);
      return null;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const earlier = await this.records.findOne({ _id: record._id });
    const expires = earlier?.leaseUntil ? Date.parse(earlier.leaseUntil) : Date.parse(earlier?.startedAt ?? '') + ABANDONED_AFTER_MS;
    const abandoned = earlier?.state === 'in_progress' && Date.now() > expires;
    if (earlier && !abandoned) return earlier;
    await this.records.deleteOne({ _id: record._id, state: 'in_progress' });
    return this.claim(record);
  }
}
