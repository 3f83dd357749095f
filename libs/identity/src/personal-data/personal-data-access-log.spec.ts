import { SqliteEventStore } from '@integrity/event-store';
import { accessOf } from '@integrity/read-models';
import type { Actor } from '../roles';
import { accessStream, PersonalDataAccessLog } from './personal-data-access-log';

const officer: Actor = { userId: '0b8e5a3c-1f1e-4c57-9d0e-5a2f0e7b1c11', username: 'officer', unitId: 'unit-1', roles: ['ethics_officer'] };
const head: Actor = { ...officer, userId: 'head', roles: ['agency_head'] };
const reporter = { name: '王小明', phone: '0912-345-678' };
const reflection = { id: 'b2c3d4e5-0000-4000-8000-000000000001', unitId: 'unit-1' };

describe('the personal-data access log', () => {
  it('records a disclosure in clear before it is shown, and none of a redacted one', async () => {
    const events = new SqliteEventStore({ file: ':memory:' });
    const log = new PersonalDataAccessLog(events, () => new Date('2026-11-27T02:00:00Z'));
    expect(await log.disclose(officer, reflection, 'case', async () => reporter)).toEqual(reporter);
    expect(await log.disclose(head, reflection, 'case', async () => reporter)).toEqual({ redacted: true });
    expect(await log.disclose(officer, reflection, 'case', async () => null)).toBeNull();
    const recorded = (await events.readStream(accessStream(reflection.id))).map(accessOf);
    expect(recorded).toEqual([{ reflectionId: reflection.id, reflectionUnitId: 'unit-1', view: 'case', actorId: officer.userId, actorUnitId: 'unit-1', at: '2026-11-27T02:00:00.000Z', position: '1' }]);
    expect(JSON.stringify(recorded)).not.toContain('王小明');
    await events.close();
  });

  it('withholds the reporter when the access cannot be recorded', async () => {
    const events = new SqliteEventStore({ file: ':memory:' });
    await events.close();
    const log = new PersonalDataAccessLog(events, () => new Date());
    expect(await log.disclose(officer, reflection, 'history', async () => reporter)).toEqual({ redacted: true, reason: 'access_not_recorded' });
  });
});
