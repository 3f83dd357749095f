import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { ApiRefusals, SETTINGS, type Settings } from '@integrity/platform';
import { IdentityError } from '../identity-error';
import { UserDirectory } from '../users/user-directory';
import { AllowedBeforePasswordChange, CurrentActor, Public, type AuthenticatedRequest } from './auth.decorators';
import { UnitRegister } from '../units/unit-register';
import type { Actor } from '../roles';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '@integrity/domain';
import { SecurityLog } from '../security/security-log';
import { accountKey } from '../users/account-key';
import { SignInThrottle, TooManyAttemptsError } from './sign-in-throttle';
import { TokenRegistry } from './token-registry';
import type { TokenPayload } from './token-payload';
import { TokenRequestDto } from './token.request.dto';

@ApiTags('auth')
@ApiRefusals(400, 401)
@Controller('auth')
export class TokenHttpController {
  constructor(
    private readonly users: UserDirectory,
    private readonly units: UnitRegister,
    private readonly jwt: JwtService,
    private readonly throttle: SignInThrottle,
    private readonly tokens: TokenRegistry,
    private readonly securityLog: SecurityLog,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Throttled per client address and per account from one address (past the limit 429 with Retry-After, before any
   * password is hashed), and slowed per account; at most a few passwords are hashed at once (429 when too many wait).
   */
  @Public()
  @ApiOperation({ summary: 'Sign in: a bearer token for a username and password' })
  @ApiRefusals(429)
  @Post('token')
  @HttpCode(200)
  async token(@Body() body: TokenRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const address = request.ip ?? 'unknown';
    let actor: Actor | null;
    try {
      actor = await this.throttle.attempt(body.username, address, () => this.users.authenticate(body.username, body.password, this.clock.now()));
    } catch (error) {
      if (error instanceof TooManyAttemptsError) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        if (error.params?.busy) await this.securityLog.record('sign_in_refused_busy', this.clock.now(), { subject: accountKey(body.username), address });
      }
      throw error;
    }
    if (!actor) {
      const { pairLocked, addressLocked } = await this.throttle.failed(body.username, address);
      const now = this.clock.now();
      const subject = accountKey(body.username);
      await this.securityLog.record('sign_in_failed', now, { subject, address });
      if (pairLocked) await this.securityLog.record('account_locked', now, { subject, address, detail: { scope: 'account_from_address' } });
      if (addressLocked) await this.securityLog.record('account_locked', now, { subject, address, detail: { scope: 'address' } });
      throw new IdentityError('INVALID_CREDENTIALS', 'Wrong username or password', 401);
    }
    await this.throttle.succeeded(body.username, address);
    const standing = await this.users.standing(actor.userId);
    const payload: TokenPayload = { sub: actor.userId, username: actor.username, unitId: actor.unitId, roles: actor.roles, ver: standing?.tokenVersion ?? 0, jti: randomUUID() };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.settings.tokenTtlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.settings.tokenTtlSeconds };
  }

  /** Signs out the token this request carries; the user's other sessions keep theirs. */
  @ApiOperation({ summary: 'Sign out: revoke the bearer token' })
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    const token = request.token as { jti: string; expiresAt: Date };
    await this.tokens.signOut(token.jti, token.expiresAt);
  }

  /** The signed-in user, with the unit's name, for the application's header. */
  @ApiOperation({ summary: 'The signed-in user, their unit and roles' })
  @ApiBearerAuth()
  @Get('me')
  @AllowedBeforePasswordChange()
  async me(@CurrentActor() actor: Actor) {
    const [names, unit, standing] = await Promise.all([this.users.displayNames([actor.userId]), actor.unitId ? this.units.get(actor.unitId) : null, this.users.standing(actor.userId)]);
    return { ...actor, displayName: names.get(actor.userId) ?? actor.username, unitName: unit?.name ?? null, mustChangePassword: standing?.mustChangePassword ?? false };
  }
}
