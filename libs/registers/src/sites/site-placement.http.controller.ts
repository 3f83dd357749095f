import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CLOCK, notFound, type Clock } from '@integrity/domain';
import { CommandHandling } from '@integrity/event-store';
import { CurrentActor, Roles, type Actor } from '@integrity/identity';
import { VillageRegister } from '@integrity/places';
import { ApiRefusals, ReadQueryDto, UUID_PARAM } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { placementsOf, placeSite, unplacedSiteOf } from './site-placement';

export class PlaceSiteRequestDto {
  @ApiProperty({ example: '66000060015', description: 'The village of the register the site is in' })
  @Matches(/^\d{11}$/, { message: 'villageCode must be 11 digits' })
  villageCode!: string;
}

/**
 * Sites recorded before the register whose names matched none of its villages (the worker places the others at
 * start): listed for the administrator with the nearest villages, and placed by the one the administrator chooses.
 */
@ApiTags('places')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller()
export class SitePlacementHttpController {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly register: VillageRegister,
    private readonly commands: CommandHandling,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: 'Sites whose village names match none of the register: each with the nearest villages' })
  @Get('places/unplaced-sites')
  @Roles('admin')
  async unplacedSites(@Query() _read: ReadQueryDto) {
    const sites = await (await this.readModels.current()).sites.find({}, { sort: { _position: 1 } });
    const waiting = placementsOf(sites.filter((site) => !site.villageCode).map(unplacedSiteOf), this.register).flatMap((p) => ('nearest' in p ? [{ ...p.site, nearest: p.nearest }] : []));
    return { items: waiting };
  }

  @ApiOperation({ summary: "Place a site in the register's village the administrator chose" })
  @ApiRefusals(404)
  @Post('sites/:id/place')
  @HttpCode(200)
  @Roles('admin')
  async place(@Param('id', UUID_PARAM) id: string, @Body() body: PlaceSiteRequestDto, @CurrentActor() actor: Actor) {
    const site = await (await this.readModels.current()).sites.findOne({ _id: id });
    if (!site) throw notFound('SITE_NOT_FOUND', 'No such platform site');
    const village = this.register.placeOf(body.villageCode);
    const outcome = await placeSite(this.commands, { siteId: id, unitId: site.unitId }, village, 'chosen', actor.userId, this.clock);
    return { id, revision: outcome.revision, position: outcome.position.toString() };
  }
}
