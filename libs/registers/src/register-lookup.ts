import { Inject, Injectable } from '@nestjs/common';
import type { OutreachRecorded, PromotionRecorded, SiteRegistered } from '@integrity/domain';
import { EVENT_STORE, streamIdOf, type EventStore } from '@integrity/event-store';

/** The registers' streams and the event that creates each. */
export const REGISTERS = {
  site: 'SiteRegistered',
  outreach: 'OutreachRecorded',
  promotion: 'PromotionRecorded',
} as const;
export type RegisterCategory = keyof typeof REGISTERS;

interface RegisterEntries {
  site: SiteRegistered['data'];
  outreach: OutreachRecorded['data'];
  promotion: PromotionRecorded['data'];
}

/** An entry as answered: its stream's id as `id`, beside what was recorded. */
export type RegisterEntry<C extends RegisterCategory> = { id: string } & RegisterEntries[C];

/** Sites and outreach as recorded in their streams, for the checks commands make (the lists read the read models). */
@Injectable()
export class RegisterLookup {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async entry<C extends RegisterCategory>(category: C, id: string, unitId: string | null): Promise<RegisterEntry<C> | null> {
    const [created] = await this.store.readStream(streamIdOf(category, id));
    if (!created || created.type !== REGISTERS[category]) return null;
    const entry = created.data as unknown as RegisterEntries[C];
    return unitId === null || entry.unitId === unitId ? { id, ...entry } : null;
  }

  siteOfUnit(id: string, unitId: string) {
    return this.entry('site', id, unitId);
  }

  outreachOfUnit(id: string, unitId: string) {
    return this.entry('outreach', id, unitId);
  }
}
