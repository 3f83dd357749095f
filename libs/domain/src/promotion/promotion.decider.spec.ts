import { specificationOf } from '../testing/decider-specification';
import { promotionDecider, type RecordPromotion } from './promotion.decider';

const given = specificationOf(promotionDecider);
const now = new Date('2026-11-27T02:00:00Z');
const record: RecordPromotion = { type: 'RecordPromotion', promotionId: 'p1', unitId: 'u1', kind: 'leaflets', heldOn: '2026-11-20', description: '於里民大會發放廉政文宣', quantity: 200, now };

describe('anti-corruption promotion', () => {
  it('records kind, date, description and quantity', () =>
    given([])
      .when(record)
      .then([
        {
          type: 'PromotionRecorded',
          data: { promotionId: 'p1', unitId: 'u1', kind: 'leaflets', heldOn: '2026-11-20', description: '於里民大會發放廉政文宣', quantity: 200, siteId: null },
        },
      ]));
  it('refuses an unknown kind', () => given([]).when({ ...record, kind: 'banner' }).thenThrows('NOT_ALLOWED', 'kind'));
  it('refuses an empty description', () => given([]).when({ ...record, description: '' }).thenThrows('REQUIRED', 'description'));
  it('refuses recording twice', () =>
    given([
      {
        type: 'PromotionRecorded',
        data: { promotionId: 'p1', unitId: 'u1', kind: 'leaflets', heldOn: '2026-11-20', description: '文宣', quantity: null, siteId: null },
      },
    ])
      .when(record)
      .thenThrows('PROMOTION_ALREADY_RECORDED'));
});
