import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IdentityError } from '../identity-error';
import { hasAnyRole, type Role } from '../roles';
import { ALLOWED_BEFORE_PASSWORD_CHANGE, IS_PUBLIC, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators';
import type { TokenPayload } from './token-payload';
import { TokenRegistry } from './token-registry';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly tokens: TokenRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (!token) throw new IdentityError('UNAUTHENTICATED', 'Send a bearer token (POST /api/v1/auth/token)', 401);
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
    request.actor = { userId: payload.sub, username: payload.username, unitId: payload.unitId, roles: payload.roles };
    request.token = { jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !hasAnyRole(request.actor, required)) {
      throw new IdentityError('FORBIDDEN', `This needs one of the roles ${required.join(', ')}`, 403);
    }
    return true;
  }
}
