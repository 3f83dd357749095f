import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SETTINGS, type Settings } from '@integrity/platform';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IdentityError } from '../identity-error';
import { hasAnyRole, type Role } from '../roles';
import { ACCEPTS_METRICS_TOKEN, ALLOWED_BEFORE_PASSWORD_CHANGE, IS_PUBLIC, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators';
import type { TokenPayload } from './token-payload';
import { TokenRegistry } from './token-registry';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly tokens: TokenRegistry,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** The scraper's token, compared in constant time (by digest, so lengths tell nothing either). */
  private isMetricsToken(token: string): boolean {
    const expected = this.settings.metricsToken;
    if (!expected) return false;
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return timingSafeEqual(digest(token), digest(expected));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (!token) throw new IdentityError('UNAUTHENTICATED', 'Send a bearer token (POST /api/v1/auth/token)', 401);
    if (this.reflector.getAllAndOverride<boolean>(ACCEPTS_METRICS_TOKEN, targets) && this.isMetricsToken(token)) return true;
    const invalid = () => new IdentityError('INVALID_TOKEN', 'The bearer token is invalid or has expired', 401);
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw invalid();
    }
    // A token never expiring, or naming no version or id, was not made here; a user gone, deactivated or changed since revokes it.
    if (typeof payload.exp !== 'number' || typeof payload.ver !== 'number' || typeof payload.jti !== 'string') throw invalid();
    const standing = await this.tokens.standingOf(payload.sub, payload.ver, payload.jti);
    if (!standing) throw invalid();
    if (standing.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)) {
      throw new IdentityError('PASSWORD_CHANGE_REQUIRED', 'Change the password you were given before anything else (POST /api/v1/users/me/password)', 403);
    }
    // Who the user is now, from the store: a token signed with the real secret but claiming other roles or another unit gains nothing.
    request.actor = { userId: payload.sub, username: standing.username, unitId: standing.unitId, roles: standing.roles };
    request.token = { jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !hasAnyRole(request.actor, required)) {
      throw new IdentityError('FORBIDDEN', `This needs one of the roles ${required.join(', ')}`, 403);
    }
    return true;
  }
}
