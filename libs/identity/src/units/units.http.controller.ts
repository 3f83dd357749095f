import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@integrity/domain';
import { Roles } from '../auth/auth.decorators';
import { CreateUnitRequestDto } from './create-unit.request.dto';
import { UnitRegister } from './unit-register';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('units')
export class UnitsHttpController {
  constructor(
    private readonly units: UnitRegister,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('admin')
  async create(@Body() body: CreateUnitRequestDto) {
    const unit = await this.units.create({ code: body.code, name: body.name, agencyName: body.agencyName }, this.clock.now());
    return { id: unit._id };
  }

  @Get()
  @Roles('admin', 'aac_auditor')
  async list() {
    return { items: (await this.units.list()).map(({ _id, ...unit }) => ({ id: _id, ...unit })) };
  }
}
