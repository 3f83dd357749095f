import { siteDecider, SITE_EVENT_VERSIONS, upcastSiteEvent, type Clock, type SiteEvent, type VillagePlace } from '@integrity/domain';
import { CommandHandling, streamIdOf, versionedCodec, type CommandOutcome } from '@integrity/event-store';
import { fullName, villagePlaceOf, type VillageRegister } from '@integrity/places';

export const SITE_CODEC = versionedCodec<SiteEvent>(SITE_EVENT_VERSIONS, upcastSiteEvent);

/** A site as registered before villages had codes: placed by its names only. */
export interface UnplacedSite {
  siteId: string;
  unitId: string;
  name: string;
  county: string;
  township: string;
  village: string | null;
}

/** The placement's view of a site as the read model or the log holds it. */
export const unplacedSiteOf = (site: { siteId: string; unitId: string; name: string; county: string; township: string; village: string | null }): UnplacedSite => ({
  siteId: site.siteId,
  unitId: site.unitId,
  name: site.name,
  county: site.county,
  township: site.township,
  village: site.village,
});

/** Where a site goes in the register: its village, when its names are the register's; else the nearest, to choose from. */
export type Placement = { site: UnplacedSite; village: VillagePlace } | { site: UnplacedSite; nearest: string[] };

/**
 * Sites recorded before the register placed by their names (台/臺 and variant forms alike), or reported with the
 * nearest villages when their names match none; nothing is guessed. A site with no village name (placed no finer
 * than its town) needs no placement.
 */
export function placementsOf(sites: UnplacedSite[], register: VillageRegister): Placement[] {
  return sites
    .filter((site) => site.village !== null && site.village.trim() !== '')
    .map((site) => {
      const village = register.byNames(site.county, site.township, site.village as string);
      return village ? { site, village: villagePlaceOf(village) } : { site, nearest: register.nearest(site.county, site.township, site.village as string).map(fullName) };
    });
}

/** Records one site's placement in its own stream (`SitePlaced`); placing it again where it is writes nothing. */
export function placeSite(commands: CommandHandling, site: { siteId: string; unitId: string }, village: VillagePlace, how: 'matched_by_name' | 'chosen', actorId: string, clock: Clock): Promise<CommandOutcome> {
  const commandId = `place-${site.siteId}-${village.villageCode}`;
  const command = { type: 'PlaceSite' as const, ...village, how };
  return commands.handle(streamIdOf('site', site.siteId), siteDecider, SITE_CODEC, command, { actorId, unitId: site.unitId, correlationId: commandId, commandId, now: clock.now() });
}
