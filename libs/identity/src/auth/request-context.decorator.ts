import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { IdentityError } from '../identity-error';
import type { CommandContext } from '@integrity/event-store';
import type { Actor } from '../roles';
import type { AuthenticatedRequest } from './auth.decorators';

/** The caller, how to trace the request, and what makes it one decision however often it is retried. */
export interface RequestContext {
  actor: Actor;
  correlationId: string;
  commandId: string;
  /** From If-Match: the revision the client saw. */
  expectedRevision?: number;
}

const header = (request: AuthenticatedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The same Idempotency-Key from the same user names the same command, and so the same event ids. */
export function commandIdFor(userId: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${userId}\n${idempotencyKey}`).digest('hex').slice(0, 32);
}

function expectedRevisionFrom(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) throw new IdentityError('INVALID_IF_MATCH', 'If-Match must be the revision number you read, such as 3 or "3"', 400, 'If-Match');
  return Number(match[1]);
}

export const Context = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('Context used on a route without authentication');
  const key = header(request, 'idempotency-key');
  return {
    actor: request.actor,
    correlationId: request.correlationId ?? randomUUID(),
    commandId: key ? commandIdFor(request.actor.userId, key) : randomUUID(),
    expectedRevision: expectedRevisionFrom(header(request, 'if-match')),
  };
});

/** The event metadata for a command made in this request. */
export function commandContextOf(request: RequestContext, now: Date): CommandContext {
  return {
    actorId: request.actor.userId,
    unitId: request.actor.unitId,
    correlationId: request.correlationId,
    commandId: request.commandId,
    expectedRevision: request.expectedRevision,
    now,
  };
}
