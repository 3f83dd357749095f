import { assertNotInFuture } from '../calendar/taipei-date';
import type { Decider, DomainEvent } from '../core/decider';
import { conflict } from '../core/domain-error';
import { countOrNull, oneOf, optionalText } from '../core/input-rules';
import { THEMES, type Theme } from '../reflection/reflection-vocabulary';

/** How the unit met citizens (具體作為). */
export const OUTREACH_METHODS = [
  'individual_interview',
  'courtesy_visit',
  'briefing',
  'small_forum',
  'local_meeting',
  'leaflet_distribution',
  'other',
] as const;
export type OutreachMethod = (typeof OUTREACH_METHODS)[number];

/** One outreach activity; stream `outreach-<uuid>`. Reflections may name the outreach they came from. */
export type OutreachRecorded = DomainEvent<
  'OutreachRecorded',
  {
    outreachId: string;
    unitId: string;
    method: OutreachMethod;
    heldOn: string;
    siteId: string | null;
    theme: Theme | null;
    participants: number | null;
    notes: string | null;
  }
>;
export type OutreachEvent = OutreachRecorded;

export interface RecordOutreach {
  type: 'RecordOutreach';
  outreachId: string;
  unitId: string;
  method: string;
  heldOn: string;
  siteId?: string | null;
  theme?: string | null;
  participants?: number | null;
  notes?: string | null;
  now: Date;
}
export type OutreachCommand = RecordOutreach;

export type OutreachState = { recorded: false } | { recorded: true; outreach: OutreachRecorded['data'] };

export const outreachDecider: Decider<OutreachCommand, OutreachEvent, OutreachState> = {
  initialState: () => ({ recorded: false }),
  decide(command, state) {
    if (state.recorded) throw conflict('OUTREACH_ALREADY_RECORDED', 'This outreach activity is already recorded');
    assertNotInFuture(command.heldOn, command.now, 'heldOn', 'HELD_ON_IN_FUTURE');
    return [
      {
        type: 'OutreachRecorded',
        data: {
          outreachId: command.outreachId,
          unitId: command.unitId,
          method: oneOf(command.method, OUTREACH_METHODS, 'method'),
          heldOn: command.heldOn,
          siteId: command.siteId ?? null,
          theme: command.theme ? oneOf(command.theme, THEMES, 'theme') : null,
          participants: countOrNull(command.participants, 'participants'),
          notes: optionalText(command.notes, 'notes'),
        },
      },
    ];
  },
  evolve: (_state, event) => ({ recorded: true, outreach: event.data }),
};
