import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { invalid, siteDecider } from '@integrity/domain';
import { fullName, VillageRegister, villagePlaceOf } from '@integrity/places';
import { RecordInRegister, type RegisterResult } from '../record-in-register';
import { RegisterSiteCommand } from './register-site.command';
import { SITE_CODEC } from './site-placement';
import type { RegisterSiteRequestDto } from './register-site.request.dto';

/**
 * Registers a site in a village of the register: by its code, or by its names when they are the register's (台 or 臺
 * alike). A village the register does not hold is refused with the nearest it does; nothing is guessed. A site
 * placed no finer than its town keeps no code.
 */
@CommandHandler(RegisterSiteCommand)
export class RegisterSiteHandler implements ICommandHandler<RegisterSiteCommand, RegisterResult> {
  constructor(
    private readonly register: RecordInRegister,
    private readonly villages: VillageRegister,
  ) {}

  execute({ site, context }: RegisterSiteCommand): Promise<RegisterResult> {
    const place = this.placeOf(site);
    return this.register.record(
      'site',
      siteDecider,
      context,
      undefined,
      (siteId, unitId) => ({ type: 'RegisterSite' as const, siteId, unitId, siteType: site.type, name: site.name, ...place, contact: site.contact }),
      SITE_CODEC,
    );
  }

  private placeOf(site: RegisterSiteRequestDto): { county: string; township: string; village: string | null; villageCode: string | null } {
    if (site.villageCode) return this.villages.placeOf(site.villageCode);
    if (!site.county) throw invalid('REQUIRED', 'county', 'county is required (or villageCode)');
    if (!site.township) throw invalid('REQUIRED', 'township', 'township is required (or villageCode)');
    if (!site.village) return { county: site.county, township: site.township, village: null, villageCode: null };
    const village = this.villages.byNames(site.county, site.township, site.village);
    if (village) return villagePlaceOf(village);
    const nearest = this.villages.nearest(site.county, site.township, site.village).map(fullName);
    throw invalid('UNKNOWN_VILLAGE', 'village', `The register holds no ${site.county}${site.township}${site.village}${nearest.length ? `; nearest: ${nearest.join(', ')}` : ''}`, {
      given: `${site.county}${site.township}${site.village}`,
      nearest,
    });
  }
}
