import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@integrity/domain';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdentityError } from '../identity-error';
import type { Actor, Role } from '../roles';
import { unitKindOf, UnitRegister } from '../units/unit-register';
import { AllowedBeforePasswordChange } from '../auth/auth.decorators';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { TokenRegistry } from '../auth/token-registry';
import { FirstAdminPassword } from './first-admin-password';
import { SecurityLog } from '../security/security-log';
import { ChangePasswordRequestDto, UserRolesRequestDto } from './change-user.request.dto';
import { CreateUserRequestDto } from './create-user.request.dto';
import { assertMayManage } from './role-grants';
import { UserDirectory } from './user-directory';

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
    private readonly throttle: SignInThrottle,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A role fits its unit's kind (the AAC audits, ethics units work); who may grant it is assertMayManage's. */
  private async assertRolesFit(unitId: string | null, roles: Role[]): Promise<void> {
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
  @ApiRefusals(409)
  @Post()
  @Roles('admin', 'supervisor')
  async create(@Body() body: CreateUserRequestDto, @CurrentActor() actor: Actor) {
    const unitId = body.unitId ?? null;
    assertMayManage(actor, { userId: null, unitId, roles: [] }, body.roles);
    await this.assertRolesFit(unitId, body.roles);
    const user = await this.users.create({ username: body.username, password: body.password, displayName: body.displayName, email: body.email ?? null, unitId, roles: body.roles }, this.by(actor));
    await this.roleChanged(actor, user._id, unitId, [], body.roles);
    return { id: user._id };
  }

  /** Every change of who may do what is a security event naming who changed whom; the unit's head is told of it. */
  private async roleChanged(actor: Actor, subject: string, unitId: string | null, from: Role[], to: Role[]): Promise<void> {
    await this.securityLog.record('roles_changed', this.clock.now(), { actorId: actor.userId, subject, detail: { from, to, unitId }, notify: await this.headsOf(unitId, subject) });
  }

  /** The unit's active heads but the subject: they are told of changes of who may do what in their unit. */
  private async headsOf(unitId: string | null, subject: string): Promise<string[]> {
    return unitId ? (await this.users.withRoles(unitId, ['agency_head'])).filter((head) => head.active && head._id !== subject).map((head) => head._id) : [];
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
    const user = await this.managed(actor, id);
    assertMayManage(actor, { userId: id, unitId: user.unitId, roles: user.roles }, null);
    await this.users.deactivate(id, this.by(actor));
    this.tokens.forget(id);
    await this.securityLog.record('user_deactivated', this.clock.now(), { actorId: actor.userId, subject: id, detail: { unitId: user.unitId }, notify: await this.headsOf(user.unitId, id) });
    return { id, active: false };
  }

  /** A person back (a leave ended, a deactivation by mistake): signs in again with the password they had. */
  @ApiOperation({ summary: 'Reactivate a deactivated user' })
  @ApiRefusals(404, 409)
  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  async reactivate(@Param('id', UUID_PARAM) id: string, @CurrentActor() actor: Actor) {
    const user = await this.managed(actor, id);
    assertMayManage(actor, { userId: id, unitId: user.unitId, roles: user.roles }, null);
    if (user.active) throw new IdentityError('USER_ACTIVE', 'The user is active', 409);
    await this.users.reactivate(id, this.by(actor));
    await this.securityLog.record('user_reactivated', this.clock.now(), { actorId: actor.userId, subject: id, detail: { unitId: user.unitId }, notify: await this.headsOf(user.unitId, id) });
    return { id, active: true };
  }

  /**
   * A forgotten password: the product makes a temporary one, answered here once and never kept in clear or logged,
   * for the manager to hand over in person; the user must change it at the next sign-in, and every token issued
   * before stops working.
   */
  @ApiOperation({ summary: "Reset a user's password to a temporary one, to be changed at the next sign-in" })
  @ApiRefusals(404)
  @Post(':id/reset-password')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  async resetPassword(@Param('id', UUID_PARAM) id: string, @CurrentActor() actor: Actor) {
    const user = await this.managed(actor, id);
    assertMayManage(actor, { userId: id, unitId: user.unitId, roles: user.roles }, null);
    const temporaryPassword = await this.users.resetPassword(id, this.by(actor));
    this.tokens.forget(id);
    await this.securityLog.record('password_reset', this.clock.now(), { actorId: actor.userId, subject: id, detail: { unitId: user.unitId } });
    return { id, temporaryPassword };
  }

  /** New roles; tokens issued with the old ones stop working. */
  @ApiOperation({ summary: "Set a user's roles (never one's own; only the administrator grants head, supervisor, AAC and admin)" })
  @ApiRefusals(404, 409)
  @Put(':id/roles')
  @Roles('admin', 'supervisor')
  async setRoles(@Param('id', UUID_PARAM) id: string, @Body() body: UserRolesRequestDto, @CurrentActor() actor: Actor) {
    const user = await this.managed(actor, id);
    assertMayManage(actor, { userId: id, unitId: user.unitId, roles: user.roles }, body.roles);
    await this.assertRolesFit(user.unitId, body.roles);
    await this.users.setRoles(id, body.roles, this.by(actor));
    this.tokens.forget(id);
    await this.roleChanged(actor, id, user.unitId, user.roles, body.roles);
    return { id, roles: body.roles };
  }

  /** After failed sign-ins: the account signs in again from every address at once, without slowing down. */
  @ApiOperation({ summary: "Clear an account's sign-in locks and slowdown (the administrator)" })
  @ApiRefusals(404)
  @Post(':id/clear-sign-in-lock')
  @HttpCode(200)
  @Roles('admin')
  async clearSignInLock(@Param('id', UUID_PARAM) id: string, @CurrentActor() actor: Actor) {
    const user = await this.managed(actor, id);
    await this.throttle.clear(user.username);
    await this.securityLog.record('sign_in_lock_cleared', this.clock.now(), { actorId: actor.userId, subject: id });
    return { id, cleared: true };
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
