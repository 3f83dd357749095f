import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Actor, Role } from '../roles';

export const IS_PUBLIC = 'identity:public';
export const REQUIRED_ROLES = 'identity:roles';

/** Open without a token: health, token and the docs. The OpenAPI document says so (an empty security requirement). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'identity:before-password-change';

/** Reachable while the user must still change a password nobody chose: who am I, change it, sign out. */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

export const ACCEPTS_METRICS_TOKEN = 'identity:metrics-token';

/** Also open to the scraper's METRICS_TOKEN (a static bearer token for Prometheus), beside an administrator's token. */
export const AcceptsMetricsToken = () => SetMetadata(ACCEPTS_METRICS_TOKEN, true);

/** The caller needs one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export interface AuthenticatedRequest {
  actor?: Actor;
  /** The bearer token's id and expiry, to sign it out. */
  token?: { jti: string; expiresAt: Date };
  /** Given by the caller or made for the request (X-Request-Id); carried into the events it records. */
  correlationId?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The signed-in user, from the bearer token. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
