import 'reflect-metadata';
import { existingDataDir, runCommand } from './run-command';
import { siteDecider, upcastSiteEvent, type Clock, type SiteEvent, type SiteState } from '@integrity/domain';
import { CommandHandling, logPages } from '@integrity/event-store';
import { fullName, VillageRegister } from '@integrity/places';
import { openEventLog, settingsFrom } from '@integrity/platform';
import { placementsOf, placeSite, unplacedSiteOf } from '@integrity/registers';

/**
 * `npm run places:match -- --dry-run [<data directory>]`: which sites recorded before the village register its names
 * place (and where), and which match none (with the nearest villages), read from the event log of the directory
 * given (else DATA_DIR, which must exist) or of EVENTSTORE_CONNECTION_STRING. Without `--dry-run` the matched ones are placed (SitePlaced), as the worker does at
 * start; the others wait for the administrator (系統管理 → 平臺地點村里待確認). Prints the report as JSON.
 */
const clock: Clock = { now: () => new Date() };

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const env = process.env.EVENTSTORE_CONNECTION_STRING ? process.env : { ...process.env, DATA_DIR: existingDataDir(args, process.env) };
  const log = await openEventLog(settingsFrom(env));
  try {
    // Each site folded by the domain's own evolve, as the decider sees it.
    const sites = new Map<string, SiteState>();
    for await (const page of logPages(log, { categories: ['site'] })) {
      for (const event of page) {
        const data = upcastSiteEvent(event.type, event.schemaVersion, event.data);
        const siteId = event.streamId.slice('site-'.length);
        if (data) sites.set(siteId, siteDecider.evolve(sites.get(siteId) ?? siteDecider.initialState(), { type: event.type, data } as SiteEvent));
      }
    }
    const unplaced = [...sites.values()].flatMap((state) => (state.registered && !state.site.villageCode ? [unplacedSiteOf(state.site)] : []));
    const placements = placementsOf(unplaced, new VillageRegister());
    const matched = placements.flatMap((p) => ('village' in p ? [{ siteId: p.site.siteId, name: p.site.name, given: `${p.site.county}${p.site.township}${p.site.village}`, village: fullName(p.village), villageCode: p.village.villageCode }] : []));
    const unmatched = placements.flatMap((p) => ('nearest' in p ? [{ siteId: p.site.siteId, name: p.site.name, given: `${p.site.county}${p.site.township}${p.site.village}`, nearest: p.nearest }] : []));
    if (!dryRun) {
      const commands = new CommandHandling(log);
      for (const p of placements) if ('village' in p) await placeSite(commands, p.site, p.village, 'matched_by_name', 'places-match', clock);
    }
    process.stdout.write(`${JSON.stringify({ dryRun, matched, unmatched }, null, 2)}\n`);
    console.error(
      `${dryRun ? '試算（未寫入）' : '已寫入'}：${matched.length} 個平臺地點以名稱對應到村里，${unmatched.length} 個無法對應，待系統管理員選擇 (${dryRun ? 'dry run: nothing written' : 'placed'}; ${matched.length} matched, ${unmatched.length} unmatched)`,
    );
    return 0;
  } finally {
    await log.close();
  }
}

runCommand(main);
