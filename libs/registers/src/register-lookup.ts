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

/** Sites and outreach as recorded in their streams, for the checks commands make (the lists read the read models). */
@Injectable()
export class RegisterLookup {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** What created the entry, when it exists and belongs to the unit. */
  private async entry<C extends RegisterCategory>(category: C, id: string, unitId: string): Promise<RegisterEntries[C] | null> {
    const [created] = await this.store.readStream(streamIdOf(category, id));
    if (!created || created.type !== REGISTERS[category]) return null;
    const entry = created.data as unknown as RegisterEntries[C];
    return entry.unitId === unitId ? entry : null;
  }

  siteOfUnit(id: string, unitId: string) {
    return this.entry('site', id, unitId);
  }

  outreachOfUnit(id: string, unitId: string) {
    return this.entry('outreach', id, unitId);
  }
}
