import type { Decider, DomainEvent } from '../core/decider';
import { conflict, invalid } from '../core/domain-error';
import { requiredText } from '../core/input-rules';

export const HOTSPOT_NOTE_MAX_LENGTH = 2000;

/**
 * The AAC studied a hotspot (已研析) and says what it found; stream `hotspot-<id>`. It names the reflections the
 * hotspot held when it was studied, so a matter raised again afterwards shows as new since the review.
 */
export type HotspotReviewed = DomainEvent<'HotspotReviewed', { hotspotId: string; reflectionIds: string[]; note: string }>;
export type HotspotEvent = HotspotReviewed;
export const HOTSPOT_EVENT_VERSIONS: Record<HotspotEvent['type'], number> = { HotspotReviewed: 1 };

export function upcastHotspotEvent(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> | null {
  const current = HOTSPOT_EVENT_VERSIONS[type as HotspotEvent['type']];
  return current === undefined || version < 1 || version > current ? null : data;
}

/** Mark a hotspot 已研析: the reflections it holds now (the read model's), and the note. */
export interface ReviewHotspot {
  type: 'ReviewHotspot';
  hotspotId: string;
  reflectionIds: string[];
  note: string;
}
export type HotspotCommand = ReviewHotspot;

/** The reflections the last review covered, sorted; null before any review. */
export type HotspotState = { reviewed: string[] | null };

const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();

export const hotspotDecider: Decider<HotspotCommand, HotspotEvent, HotspotState> = {
  initialState: () => ({ reviewed: null }),
  decide(command, state) {
    const note = requiredText(command.note, 'note', HOTSPOT_NOTE_MAX_LENGTH);
    const reflectionIds = sorted(command.reflectionIds);
    if (reflectionIds.length < 2) throw invalid('NOT_A_HOTSPOT', 'hotspotId', 'A hotspot holds at least two reflections');
    if (state.reviewed !== null && state.reviewed.join() === reflectionIds.join()) {
      throw conflict('HOTSPOT_ALREADY_REVIEWED', 'This hotspot was already reviewed, and no reflection joined it since');
    }
    return [{ type: 'HotspotReviewed', data: { hotspotId: command.hotspotId, reflectionIds, note } }];
  },
  evolve: (_state, event) => ({ reviewed: sorted(event.data.reflectionIds) }),
};
