import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@integrity/domain';
import { CommandHandling } from '@integrity/event-store';
import { VillageRegister } from '@integrity/places';
import { ActiveReadModels } from '@integrity/read-models';
import { placementsOf, placeSite, unplacedSiteOf } from '@integrity/registers';
import { Projector } from '../projector/projector';

/**
 * Sites recorded before the village register are placed in it by their names when the leading worker starts
 * (`SitePlaced`, matched_by_name); those whose names match none wait for the administrator (系統管理 → 平臺地點村里
 * 待確認), never guessed. Idempotent: a site placed already is not placed again.
 */
@Injectable()
export class SitePlacementAtStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Places');

  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly register: VillageRegister,
    private readonly commands: CommandHandling,
    private readonly projector: Projector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private running: Promise<unknown> = Promise.resolve();

  onApplicationBootstrap(): void {
    // Also after each batch that brings sites: read models being rebuilt reach the old sites batch by batch.
    this.projector.onBatch((streamIds) => {
      if (streamIds.some((id) => id.startsWith('site-'))) void this.placeAll();
    });
    void this.placeAll();
  }

  /** One run at a time; a failure is logged and the next batch or start tries again. */
  placeAll(): Promise<unknown> {
    this.running = this.running.then(() => this.place()).catch((error: unknown) => this.logger.error(`Placing sites in the village register failed: ${error instanceof Error ? error.message : String(error)}`));
    return this.running;
  }

  private async place(): Promise<void> {
    const sites = await (await this.readModels.current()).sites.find({});
    const placements = placementsOf(sites.filter((site) => !site.villageCode).map(unplacedSiteOf), this.register);
    let placed = 0;
    for (const placement of placements) {
      if (!('village' in placement)) continue;
      await placeSite(this.commands, placement.site, placement.village, 'matched_by_name', 'site-placement', this.clock);
      placed++;
    }
    const waiting = placements.length - placed;
    if (placed > 0 || waiting !== this.waitingLogged) this.logger.log(`Placed ${placed} site(s) in the village register by their names; ${waiting} wait for an administrator to choose`);
    this.waitingLogged = waiting;
  }

  /** How many were said to wait last time: the same number is not said again after every batch. */
  private waitingLogged = 0;
}
