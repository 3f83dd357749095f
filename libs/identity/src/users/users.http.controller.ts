import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@integrity/domain';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdentityError } from '../identity-error';
import type { Actor, Role } from '../roles';
import { unitKindOf, UnitRegister } from '../units/unit-register';
import { AllowedBeforePasswordChange } from '../auth/auth.decorators';
import { TokenRegistry } from '../auth/token-registry';
import { FirstAdminPassword } from './first-admin-password';
import { SecurityLog } from '../security/security-log';
import { ChangePasswordRequestDto, UserRolesRequestDto } from './change-user.request.dto';
import { CreateUserRequestDto } from './create-user.request.dto';
import { UserDirectory } from './user-directory';

/** Roles a supervisor may give within its own unit. */
const SUPERVISOR_GRANTABLE: Role[] = ['supervisor', 'agency_head', 'ethics_officer', 'volunteer'];

@ApiTags('identity')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('users')
export class UsersHttpController {
  constructor(
    private readonly users: UserDirectory,
    private readonly units: UnitRegister,
    private readonly tokens: TokenRegistry,
    private readonly securityLog: SecurityLog,
    private readonly firstPassword: FirstAdminPassword,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A supervisor gives only the roles of its unit's work; a role fits its unit's kind (the AAC audits, ethics units work). */
  private async assertRolesFit(actor: Actor, unitId: string | null, roles: Role[]): Promise<void> {
    if (!actor.roles.includes('admin')) {
      if (unitId !== actor.unitId) throw new IdentityError('OTHER_UNIT', 'A supervisor manages users of its own unit only', 403);
      const refused = roles.find((role) => !SUPERVISOR_GRANTABLE.includes(role));
      if (refused) throw new IdentityError('ROLE_NOT_GRANTABLE', `A supervisor cannot grant the role ${refused}`, 403, undefined, { role: refused });
    }
    const onlyAdmin = roles.every((role) => role === 'admin');
    if (!unitId && !onlyAdmin) throw new IdentityError('UNIT_REQUIRED', 'unitId is required for every role but admin', 400, 'unitId');
    const unit = unitId ? await this.units.get(unitId) : null;
    if (unitId && !unit) throw new IdentityError('UNIT_NOT_FOUND', 'No such unit', 400, 'unitId');
    if (unit) {
      const aac = unitKindOf(unit) === 'aac';
      const misplaced = roles.find((role) => role !== 'admin' && (role === 'aac_auditor') !== aac);
      if (misplaced) {
        const where = aac ? 'the AAC audits: its users are aac_auditor' : 'aac_auditor users belong to the AAC, a unit of kind aac';
        throw new IdentityError('ROLE_NOT_IN_UNIT_KIND', `${misplaced} does not fit this unit: ${where}`, 400, 'roles');
      }
    }
  }

  /** A user the actor may manage: any for the administrator, its own unit's for a supervisor; others are not found. */
  private by(actor: Actor) {
    return { actorId: actor.userId, unitId: actor.unitId, at: this.clock.now() };
  }

  private async managed(actor: Actor, userId: string) {
    const user = await this.users.get(userId);
    if (!user || (!actor.roles.includes('admin') && (user.unitId !== actor.unitId || user.roles.includes('admin')))) {
      throw new IdentityError('USER_NOT_FOUND', 'No such user', 404);
    }
    return user;
  }

  @ApiOperation({ summary: 'Create a user in a unit with roles' })
  @Post()
  @Roles('admin', 'supervisor')
  async create(@Body() body: CreateUserRequestDto, @CurrentActor() actor: Actor) {
    await this.assertRolesFit(actor, body.unitId ?? null, body.roles);
    const user = await this.users.create(
      { username: body.username, password: body.password, displayName: body.displayName, email: body.email ?? null, unitId: body.unitId ?? null, roles: body.roles },
      this.by(actor),
    );
    return { id: user._id };
  }

  @ApiOperation({ summary: 'List the users' })
  @Get()
  @Roles('admin', 'supervisor')
  async list(@CurrentActor() actor: Actor) {
    const users = await this.users.list(actor.roles.includes('admin') ? null : actor.unitId);
    return { items: users.map(({ _id, ...user }) => ({ id: _id, ...user })) };
  }

  /** A person who leaves: no more sign-in, and every token issued to them stops working. */
  @ApiOperation({ summary: 'Deactivate a user' })
  @ApiRefusals(404, 409)
  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  async deactivate(@Param('id', UUID_PARAM) id: string, @CurrentActor() actor: Actor) {
    await this.managed(actor, id);
    await this.users.deactivate(id, this.by(actor));
    this.tokens.forget(id);
    await this.securityLog.record('user_deactivated', this.clock.now(), { actorId: actor.userId, subject: id });
    return { id, active: false };
  }

  /** New roles; tokens issued with the old ones stop working. */
  @ApiOperation({ summary: "Set a user's roles" })
  @ApiRefusals(404, 409)
  @Put(':id/roles')
  @Roles('admin', 'supervisor')
  async setRoles(@Param('id', UUID_PARAM) id: string, @Body() body: UserRolesRequestDto, @CurrentActor() actor: Actor) {
    const user = await this.managed(actor, id);
    await this.assertRolesFit(actor, user.unitId, body.roles);
    await this.users.setRoles(id, body.roles, this.by(actor));
    this.tokens.forget(id);
    await this.securityLog.record('roles_changed', this.clock.now(), { actorId: actor.userId, subject: id, detail: { from: user.roles, to: body.roles } });
    return { id, roles: body.roles };
  }

  /** One's own password; every token issued before, this one included, stops working. */
  @ApiOperation({ summary: "Change the signed-in user's password" })
  @Post('me/password')
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  async changePassword(@Body() body: ChangePasswordRequestDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.users.changePassword(actor.userId, body.currentPassword, body.newPassword, this.by(actor));
    this.tokens.forget(actor.userId);
    this.firstPassword.discard();
    await this.securityLog.record('password_changed', this.clock.now(), { actorId: actor.userId, subject: actor.userId });
  }
}
