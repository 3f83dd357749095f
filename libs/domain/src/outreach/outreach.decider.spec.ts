import { specificationOf } from '../testing/decider-specification';
import { outreachDecider, type RecordOutreach } from './outreach.decider';

const given = specificationOf(outreachDecider);
const now = new Date('2026-11-27T02:00:00Z');
const record: RecordOutreach = { type: 'RecordOutreach', outreachId: 'o1', unitId: 'u1', method: 'small_forum', heldOn: '2026-11-20', theme: 'river_dredging', participants: 25, now };

describe('outreach activities', () => {
  it('records method, date, theme and participants', () =>
    given([])
      .when(record)
      .then([
        {
          type: 'OutreachRecorded',
          data: { outreachId: 'o1', unitId: 'u1', method: 'small_forum', heldOn: '2026-11-20', siteId: null, theme: 'river_dredging', participants: 25, notes: null },
        },
      ]));
  it('refuses an unknown method', () => given([]).when({ ...record, method: 'party' }).thenThrows('NOT_ALLOWED', 'method'));
  it('refuses a date in the future', () => given([]).when({ ...record, heldOn: '2026-12-01' }).thenThrows('HELD_ON_IN_FUTURE', 'heldOn'));
  it('refuses a negative or fractional participant count', () => {
    given([]).when({ ...record, participants: -1 }).thenThrows('NOT_A_COUNT', 'participants');
    given([]).when({ ...record, participants: 2.5 }).thenThrows('NOT_A_COUNT', 'participants');
  });
});
