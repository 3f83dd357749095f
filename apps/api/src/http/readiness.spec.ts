import type { ProjectionLag } from './projection-lag';
import { readiness } from './readiness';

const projection = (lagSeconds: number): ProjectionLag => ({ generation: 1, position: '9', headPosition: '12', caughtUp: lagSeconds === 0, lagSeconds, eventsApplied: 9, skippedUnknownEvents: 0 });

describe('readiness', () => {
  it('is ready with answering stores and read models within the bound', () => {
    expect(readiness({ damaged: [], projection: projection(0), unreachable: null }, 30)).toEqual({ status: 'ready', reasons: [] });
    expect(readiness({ damaged: [], projection: projection(30), unreachable: null }, 30).status).toBe('ready');
  });

  it('is not ready, saying why, when read models trail too far, a store is damaged or the stores do not answer', () => {
    expect(readiness({ damaged: [], projection: projection(30.6), unreachable: null }, 30)).toEqual({ status: 'not_ready', reasons: ['the read models trail the event log by 31 s (ready within 30 s)'] });
    expect(readiness({ damaged: ['eventStore'], projection: null, unreachable: 'the read models did not answer within 5000 ms' }, 30)).toEqual({
      status: 'not_ready',
      reasons: ['damaged store(s): eventStore', 'the stores did not answer: the read models did not answer within 5000 ms'],
    });
  });
});
