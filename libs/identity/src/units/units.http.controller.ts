import { Body, Controller, Get, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertNotInFuture, CLOCK, DEFAULT_DEADLINE_POLICY, type Clock } from '@integrity/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdentityError } from '../identity-error';
import type { Actor } from '../roles';
import { ActiveFromRequestDto } from './active-from.request.dto';
import { DeadlinePolicyRequestDto } from './deadline-policy.request.dto';
import { UnitProfileRequestDto } from './unit-profile.request.dto';
import { CreateUnitRequestDto } from './create-unit.request.dto';
import { activeFromOf, unitKindOf, UnitRegister } from './unit-register';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';

@ApiTags('identity')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('units')
export class UnitsHttpController {
  constructor(
    private readonly units: UnitRegister,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: 'Create a unit (an ethics unit, or the AAC)' })
  @Post()
  @Roles('admin')
  async create(@Body() body: CreateUnitRequestDto, @CurrentActor() actor: Actor) {
    const unit = await this.units.create({ code: body.code, name: body.name, agencyName: body.agencyName, kind: body.kind ?? 'ethics_unit' }, { actorId: actor.userId, unitId: actor.unitId, at: this.clock.now() });
    return { id: unit._id };
  }

  /** The unit's deadlines in force: its own, over the programme's defaults. */
  @ApiOperation({ summary: "A unit's deadline policy" })
  @ApiRefusals(404, 409)
  @Get(':id/deadline-policy')
  @Roles('admin', 'supervisor', 'agency_head', 'ethics_officer')
  async deadlinePolicy(@Param('id', UUID_PARAM) id: string, @CurrentActor() actor: Actor) {
    const unit = await this.ownUnit(id, actor);
    return { ...DEFAULT_DEADLINE_POLICY, ...unit.deadlinePolicy };
  }

  @ApiOperation({ summary: "Set a unit's deadline policy" })
  @ApiRefusals(404, 409)
  @Put(':id/deadline-policy')
  @Roles('admin', 'supervisor')
  async setDeadlinePolicy(@Param('id', UUID_PARAM) id: string, @Body() body: DeadlinePolicyRequestDto, @CurrentActor() actor: Actor) {
    await this.ownUnit(id, actor);
    // Only what was sent: the DTO's absent fields are there as undefined (ES2022 class fields).
    const given = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    const unit = await this.units.setDeadlinePolicy(id, given, { actorId: actor.userId, unitId: id, at: this.clock.now() });
    return { ...DEFAULT_DEADLINE_POLICY, ...unit?.deadlinePolicy };
  }

  /** For a unit that brings its history: its reports are owed from an earlier day than its creation. */
  @ApiOperation({ summary: 'Set the day a unit started using the product' })
  @ApiRefusals(404, 409)
  @Put(':id/active-from')
  @Roles('admin')
  async setActiveFrom(@Param('id', UUID_PARAM) id: string, @Body() body: ActiveFromRequestDto, @CurrentActor() actor: Actor) {
    const now = this.clock.now();
    assertNotInFuture(body.activeFrom, now, 'activeFrom', 'ACTIVE_FROM_IN_FUTURE');
    const unit = await this.units.setActiveFrom(id, body.activeFrom, { actorId: actor.userId, unitId: actor.unitId, at: now });
    if (!unit) throw new IdentityError('UNIT_NOT_FOUND', 'No such unit', 404);
    return { id, activeFrom: activeFromOf(unit) };
  }

  /** Where and under whom the agency is: the AAC's table of every unit is filtered by it. */
  @ApiOperation({ summary: "Set a unit's county, ministry and level (central or local)" })
  @ApiRefusals(404, 409)
  @Put(':id/profile')
  @Roles('admin')
  async setProfile(@Param('id', UUID_PARAM) id: string, @Body() body: UnitProfileRequestDto, @CurrentActor() actor: Actor) {
    const profile = { county: body.county ?? null, ministry: body.ministry?.trim() || null, level: body.level ?? null };
    const unit = await this.units.setProfile(id, profile, { actorId: actor.userId, unitId: actor.unitId, at: this.clock.now() });
    if (!unit) throw new IdentityError('UNIT_NOT_FOUND', 'No such unit', 404);
    return { id, profile };
  }

  private async ownUnit(id: string, actor: Actor) {
    const unit = actor.roles.includes('admin') || actor.unitId === id ? await this.units.get(id) : null;
    if (!unit) throw new IdentityError('UNIT_NOT_FOUND', 'No such unit', 404);
    return unit;
  }

  @ApiOperation({ summary: 'List the units' })
  @Get()
  @Roles('admin', 'aac_auditor')
  async list() {
    return { items: (await this.units.list()).map(({ _id, ...unit }) => ({ id: _id, ...unit, kind: unitKindOf(unit), activeFrom: activeFromOf(unit) })) };
  }
}
