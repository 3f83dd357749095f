import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@integrity/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdentityError } from '../identity-error';
import type { Actor, Role } from '../roles';
import { unitKindOf, UnitRegister } from '../units/unit-register';
import { CreateUserRequestDto } from './create-user.request.dto';
import { UserDirectory } from './user-directory';

/** Roles a supervisor may give within its own unit. */
const SUPERVISOR_GRANTABLE: Role[] = ['supervisor', 'agency_head', 'ethics_officer', 'volunteer'];

@ApiTags('identity')
@ApiBearerAuth()
@Controller('users')
export class UsersHttpController {
  constructor(
    private readonly users: UserDirectory,
    private readonly units: UnitRegister,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('admin', 'supervisor')
  async create(@Body() body: CreateUserRequestDto, @CurrentActor() actor: Actor) {
    const isAdmin = actor.roles.includes('admin');
    if (!isAdmin) {
      if (body.unitId !== actor.unitId) throw new IdentityError('OTHER_UNIT', 'A supervisor creates users of its own unit only', 403);
      const refused = body.roles.find((role) => !SUPERVISOR_GRANTABLE.includes(role));
      if (refused) throw new IdentityError('ROLE_NOT_GRANTABLE', `A supervisor cannot grant the role ${refused}`, 403, undefined, { role: refused });
    }
    const onlyAdmin = body.roles.every((role) => role === 'admin');
    if (!body.unitId && !onlyAdmin) throw new IdentityError('UNIT_REQUIRED', 'unitId is required for every role but admin', 400, 'unitId');
    const unit = body.unitId ? await this.units.get(body.unitId) : null;
    if (body.unitId && !unit) throw new IdentityError('UNIT_NOT_FOUND', 'No such unit', 400, 'unitId');
    if (unit) {
      const aac = unitKindOf(unit) === 'aac';
      const misplaced = body.roles.find((role) => role !== 'admin' && (role === 'aac_auditor') !== aac);
      if (misplaced) {
        const where = aac ? 'the AAC audits: its users are aac_auditor' : 'aac_auditor users belong to the AAC, a unit of kind aac';
        throw new IdentityError('ROLE_NOT_IN_UNIT_KIND', `${misplaced} does not fit this unit: ${where}`, 400, 'roles');
      }
    }
    const user = await this.users.create(
      { username: body.username, password: body.password, displayName: body.displayName, email: body.email ?? null, unitId: body.unitId ?? null, roles: body.roles },
      this.clock.now(),
    );
    return { id: user._id };
  }

  @Get()
  @Roles('admin', 'supervisor')
  async list(@CurrentActor() actor: Actor) {
    const users = await this.users.list(actor.roles.includes('admin') ? null : actor.unitId);
    return { items: users.map(({ _id, ...user }) => ({ id: _id, ...user })) };
  }
}
