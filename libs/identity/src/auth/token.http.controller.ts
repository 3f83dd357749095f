import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { SETTINGS, type Settings } from '@integrity/platform';
import { IdentityError } from '../identity-error';
import { UserDirectory } from '../users/user-directory';
import { CurrentActor, Public } from './auth.decorators';
import { UnitRegister } from '../units/unit-register';
import type { Actor } from '../roles';
import type { TokenPayload } from './token-payload';
import { TokenRequestDto } from './token.request.dto';

@ApiTags('auth')
@Controller('auth')
export class TokenHttpController {
  constructor(
    private readonly users: UserDirectory,
    private readonly units: UnitRegister,
    private readonly jwt: JwtService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  async token(@Body() body: TokenRequestDto) {
    const actor = await this.users.authenticate(body.username, body.password);
    if (!actor) throw new IdentityError('INVALID_CREDENTIALS', 'Wrong username or password', 401);
    const payload: TokenPayload = { sub: actor.userId, username: actor.username, unitId: actor.unitId, roles: actor.roles };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.settings.tokenTtlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.settings.tokenTtlSeconds };
  }

  /** The signed-in user, with the unit's name, for the application's header. */
  @Get('me')
  async me(@CurrentActor() actor: Actor) {
    const [names, unit] = await Promise.all([this.users.displayNames([actor.userId]), actor.unitId ? this.units.get(actor.unitId) : null]);
    return { ...actor, displayName: names.get(actor.userId) ?? actor.username, unitName: unit?.name ?? null };
  }
}
