import { assertNotInFuture } from '../calendar/taipei-date';
import type { Decider, DomainEvent } from '../core/decider';
import { conflict } from '../core/domain-error';
import { countOrNull, oneOf, requiredText } from '../core/input-rules';

/** Anti-corruption promotion (宣揚反貪倡廉資訊): counted in the biweekly report, never on the work record form. */
export const PROMOTION_KINDS = ['event_publicity', 'leaflets', 'results_display', 'transparency_disclosure'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

export type PromotionRecorded = DomainEvent<
  'PromotionRecorded',
  {
    promotionId: string;
    unitId: string;
    kind: PromotionKind;
    heldOn: string;
    description: string;
    quantity: number | null;
    siteId: string | null;
  }
>;
export type PromotionEvent = PromotionRecorded;

export interface RecordPromotion {
  type: 'RecordPromotion';
  promotionId: string;
  unitId: string;
  kind: string;
  heldOn: string;
  description: string;
  quantity?: number | null;
  siteId?: string | null;
  now: Date;
}
export type PromotionCommand = RecordPromotion;

export type PromotionState = { recorded: false } | { recorded: true; promotion: PromotionRecorded['data'] };

export const promotionDecider: Decider<PromotionCommand, PromotionEvent, PromotionState> = {
  initialState: () => ({ recorded: false }),
  decide(command, state) {
    if (state.recorded) throw conflict('PROMOTION_ALREADY_RECORDED', 'This promotion activity is already recorded');
    assertNotInFuture(command.heldOn, command.now, 'heldOn', 'HELD_ON_IN_FUTURE');
    return [
      {
        type: 'PromotionRecorded',
        data: {
          promotionId: command.promotionId,
          unitId: command.unitId,
          kind: oneOf(command.kind, PROMOTION_KINDS, 'kind'),
          heldOn: command.heldOn,
          description: requiredText(command.description, 'description'),
          quantity: countOrNull(command.quantity, 'quantity'),
          siteId: command.siteId ?? null,
        },
      },
    ];
  },
  evolve: (_state, event) => ({ recorded: true, promotion: event.data }),
};
