import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp } from '../support/test-app';

/** The median days to the citizen's reply, in numeric order on the embedded store (issue 16: it sorted as text). */
describe('the dashboard median', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is 10 for replies after 1, 2, 10, 12 and 30 days, and the mean of the middle two for an even count', async () => {
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(t, admin, 'MED');
    const replied = async (receivedOn: string) => {
      const id = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, receivedOn }).expect(201)).body.id;
      return (await t.http().post(`/api/v1/reflections/${id}/citizen-replies`).set(bearer(unit.tokens.officer)).send({ channel: 'phone', content: '已回復' }).expect(200)).body.position as string;
    };
    // The clock stands at 2026-11-27: these were received 1, 2, 10, 12 and 30 days before it.
    let position = '';
    for (const receivedOn of ['2026-11-26', '2026-11-25', '2026-11-17', '2026-11-15', '2026-10-28']) position = await replied(receivedOn);
    const dashboard = async () => (await t.http().get(`/api/v1/dashboard?minPosition=${position}`).set(bearer(unit.tokens.supervisor)).expect(200)).body;
    expect((await dashboard()).medianDaysToCitizenReply).toBe(10);
    position = await replied('2026-11-24');
    expect((await dashboard()).medianDaysToCitizenReply).toBe(6.5);
  });
});
