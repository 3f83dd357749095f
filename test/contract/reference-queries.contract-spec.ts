import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { addWorkingDays, periodOf, TAIWAN_OFFICE_CALENDAR, taipeiDateOf } from '@integrity/domain';
import { SqliteEventStore, type EventStore } from '@integrity/event-store';
import { IdentityLog, UnitRegister, type Actor } from '@integrity/identity';
import {
  ActiveReadModels,
  activateGeneration,
  applyBatch,
  EmbeddedReadModelStore,
  MongoDbReadModelStore,
  ReadModelSet,
  type FollowUpDocument,
  type PublishedResultDocument,
  type ReadModelStore,
  type ReflectionDocument,
  type ReportDocument,
} from '@integrity/read-models';
import { BiweeklyReportBuilder } from '../../libs/reports/src/report-builder';
import { ReportReader } from '../../libs/reports/src/queries/report-reader';
import { ReportDueRule } from '../../libs/reports/src/report-due-rule';
import { DashboardHandler } from '../../libs/reflections/src/queries/dashboard/dashboard.handler';
import { DashboardQuery, type UnitDashboard } from '../../libs/reflections/src/queries/dashboard/dashboard.query';
import { FollowUpsHandler } from '../../libs/reflections/src/queries/follow-ups/follow-ups.handler';
import { FollowUpsQuery } from '../../libs/reflections/src/queries/follow-ups/follow-ups.query';
import { PublicResultsHandler } from '../../libs/reflections/src/queries/public-results/public-results.handler';
import { PublicResultsQuery } from '../../libs/reflections/src/queries/public-results/public-results.query';
import { ReflectionListHandler } from '../../libs/reflections/src/queries/reflection-list/reflection-list.handler';
import { ReflectionListQuery } from '../../libs/reflections/src/queries/reflection-list/reflection-list.query';
import { REFLECTION_SORTS } from '../../libs/reflections/src/queries/reflection-list/reflection-list.request.dto';
import { generateHistory } from '../../bench/history-generator';
import { mongoDbTargets } from '../support/mongodb-targets';
import { tempDir } from '../support/temp-dir';
import { TestClock } from '../support/test-clock';

/**
 * issue 16: every query the product runs, answered by the read-model store in MongoDB's language, against a
 * plain TypeScript computation over the same documents (read whole, with no filter). On the embedded store the
 * language is mingo's reading of it; on the MongoDB 7 double mingo's again, through the real driver; on MongoDB (MONGODB_URI) the server's.
 */
const dir = tempDir('reference-queries');
const adapters = [
  { name: 'embedded', skipReason: null, create: (): ReadModelStore => new EmbeddedReadModelStore(join(dir.path, `${randomUUID()}.sqlite`)) },
  ...mongoDbTargets().map((target) => ({ ...target, create: (): ReadModelStore => new MongoDbReadModelStore(target.uri()) })),
];

const clock = new TestClock(new Date('2026-11-27T02:00:00Z'));
const today = taipeiDateOf(clock.now());

type Direction = 1 | -1;
/** The order the product promises: by the field, then by id, both in the same direction. */
function ordered<T extends { _id: string }>(documents: T[], field: keyof T, direction: Direction): string[] {
  return [...documents]
    .sort((a, b) => {
      const [x, y] = [String(a[field] ?? ''), String(b[field] ?? '')];
      if (x !== y) return (x < y ? -1 : 1) * direction;
      return (a._id < b._id ? -1 : a._id > b._id ? 1 : 0) * direction;
    })
    .map((document) => document._id);
}

/** Every page of a paged query, by its cursors. */
async function allPages(read: (cursor: string | undefined) => Promise<{ items: { id: string }[]; nextCursor: string | null }>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await read(cursor);
    ids.push(...page.items.map((item) => item.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('more than 1000 pages');
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const tally = (values: (string | null)[]) => values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value ?? 'none']: (counts[value ?? 'none'] ?? 0) + 1 }), {});

/** A unit's dashboard, computed by hand. */
function dashboardOf(unitId: string, unitName: string | null, reflections: ReflectionDocument[]): UnitDashboard {
  const mine = reflections.filter((doc) => doc.unitId === unitId);
  const sites = new Map<string | null, { siteId: string | null; siteName: string | null; count: number }>();
  for (const doc of mine) {
    const site = sites.get(doc.siteId) ?? { siteId: doc.siteId, siteName: doc.siteName, count: 0 };
    site.count++;
    sites.set(doc.siteId, site);
  }
  const open = mine.filter((doc) => doc.status !== 'closed');
  return {
    unitId,
    unitName,
    profile: { county: null, ministry: null, level: null },
    total: mine.length,
    byStatus: tally(mine.map((doc) => doc.status)),
    byNature: tally(mine.map((doc) => doc.nature)),
    byCategory: tally(mine.map((doc) => doc.category)),
    byTheme: tally(mine.map((doc) => doc.theme)),
    byMonth: tally(mine.map((doc) => doc.receivedMonth)),
    bySite: [...sites.values()],
    open: open.length,
    overdue: open.filter((doc) => doc.nextDueOn !== null && doc.nextDueOn < today).length,
    medianDaysToCitizenReply: medianOf(mine.map((doc) => doc.firstCitizenReplyDays).filter((days): days is number => days !== null)),
  };
}

const sortedSites = (dashboard: UnitDashboard) => ({ ...dashboard, bySite: [...dashboard.bySite].sort((a, b) => String(a.siteId).localeCompare(String(b.siteId))) });

let events: EventStore;
let unitIds: string[];
const unitNames = ['臺中市政府政風處', '彰化縣政府政風處', '南投縣政府政風處'];

for (const adapter of adapters) {
  const suite = adapter.skipReason ? describe.skip : describe;
  if (adapter.skipReason) console.log(`reference queries: ${adapter.name} skipped (${adapter.skipReason})`);

  suite(`every production query against a plain computation: ${adapter.name}${adapter.skipReason ? ` (skipped: ${adapter.skipReason})` : ''}`, () => {
    let store: ReadModelStore;
    let set: ReadModelSet;
    let readModels: ActiveReadModels;
    let units: UnitRegister;
    let reflections: ReflectionDocument[];
    const officerOf = (unitId: string): Actor => ({ userId: `officer-${unitId}`, username: 'officer', unitId, roles: ['ethics_officer'] });
    const auditor: Actor = { userId: 'aac', username: 'aac', unitId: null, roles: ['aac_auditor'] };

    beforeAll(async () => {
      store = adapter.create();
      events = new SqliteEventStore({ file: join(dir.path, `events-${randomUUID()}.sqlite`) });
      units = new UnitRegister(store, new IdentityLog(events, store));
      const by = { actorId: null, unitId: null, at: clock.now() };
      unitIds = [];
      for (const [i, name] of unitNames.entries()) {
        const unitId = (await units.create({ code: `REF${i}-${randomUUID().slice(0, 8)}`, name, agencyName: name.replace('政風處', ''), kind: 'ethics_unit' }, by))._id;
        // Units that bring their history owe every period of it.
        await units.setActiveFrom(unitId, '2026-01-05', by);
        unitIds.push(unitId);
      }
      await generateHistory(events, { units: 3, unitIds, sitesPerUnit: 5, reflections: 900, seed: 16 });
      set = new ReadModelSet(store, 5000 + Math.floor(Math.random() * 1_000_000));
      await set.ensureIndexes();
      await project();
      await activateGeneration(store, set.generation);
      readModels = new ActiveReadModels(store);
      // Two units drafted the report for one period, one of them for the next as well.
      const builder = new BiweeklyReportBuilder(readModels, events);
      for (const [unitId, start] of [
        [unitIds[0], '2026-10-12'],
        [unitIds[1], '2026-10-12'],
        [unitIds[1], '2026-10-26'],
      ]) {
        const period = periodOf(start);
        const rows = await builder.build(unitId, period);
        const reportId = randomUUID();
        await events.append(
          `report-${reportId}`,
          [
            {
              id: randomUUID(),
              type: 'BiweeklyReportDrafted',
              schemaVersion: 2,
              data: { reportId, unitId, periodStart: period.start, periodEnd: period.end, rows: rows.map((row) => row.facts), texts: rows.map((row) => row.composed), draftedOn: null } as never,
              metadata: { actorId: 'reference', unitId, correlationId: randomUUID(), causationId: null, occurredAt: clock.now().toISOString() },
            },
          ],
          'no_stream',
        );
      }
      await project();
      reflections = await set.reflections.find({});
      expect(reflections).toHaveLength(900);
    }, 120_000);
    afterAll(async () => {
      await set.drop();
      await store.close();
      await events.close();
    });

    async function project(): Promise<void> {
      let checkpoint = await set.checkpoint();
      for (;;) {
        const after = checkpoint.position === '' ? null : BigInt(checkpoint.position);
        const page = await events.readAll(after, 500);
        if (page.length === 0) return;
        ({ checkpoint } = await applyBatch(set, page, checkpoint, clock.now()));
      }
    }

    it('lists cases with every filter and sort, page by page, as the plain computation does', async () => {
      const list = new ReflectionListHandler(readModels, clock);
      const sample = reflections[17];
      const withSite = reflections.find((doc) => doc.siteId !== null) as ReflectionDocument;
      const filters: [string, Record<string, string>, (doc: ReflectionDocument) => boolean][] = [
        ['nothing', {}, () => true],
        ['status', { status: 'closed' }, (doc) => doc.status === 'closed'],
        ['nature', { nature: 'policy_feedback' }, (doc) => doc.nature === 'policy_feedback'],
        ['category', { category: sample.category }, (doc) => doc.category === sample.category],
        ['site', { siteId: withSite.siteId as string }, (doc) => doc.siteId === withSite.siteId],
        ['county', { county: '臺中市' }, (doc) => doc.county === '臺中市'],
        ['village', { village: '第3里' }, (doc) => doc.village === '第3里'],
        ['theme', { theme: 'river_dredging' }, (doc) => doc.theme === 'river_dredging'],
        ['received from', { receivedFrom: '2026-06-15' }, (doc) => doc.receivedOn >= '2026-06-15'],
        ['received to', { receivedTo: '2026-03-31' }, (doc) => doc.receivedOn <= '2026-03-31'],
        ['received within', { receivedFrom: '2026-04-01', receivedTo: '2026-04-30' }, (doc) => doc.receivedOn >= '2026-04-01' && doc.receivedOn <= '2026-04-30'],
        ['overdue', { overdue: 'true' }, (doc) => doc.nextDueOn !== null && doc.nextDueOn < today],
        ['not overdue', { overdue: 'false' }, (doc) => doc.nextDueOn === null || doc.nextDueOn >= today],
        ['awaiting the head', { awaitingHead: 'true' }, (doc) => doc.headDecisions.some((decision) => decision.decision === null)],
        ['words', { q: '河川' }, (doc) => doc.summary.includes('河川')],
        ['words with a regex character', { q: '雨季(恐' }, () => false],
        ['several at once', { status: 'in_progress', nature: 'public_need', q: '路燈', overdue: 'true' }, (doc) => doc.status === 'in_progress' && doc.nature === 'public_need' && doc.summary.includes('路燈') && doc.nextDueOn !== null && doc.nextDueOn < today],
      ];
      // Each filter keeps some cases of the generated history, so none is compared on nothing alone.
      expect(filters.filter(([what, , keep]) => what !== 'words with a regex character' && !reflections.some(keep)).map(([what]) => what)).toEqual([]);
      let compared = 0;
      for (const [what, filter, keep] of filters) {
        for (const sort of REFLECTION_SORTS) {
          const field = sort.replace('-', '') as keyof ReflectionDocument;
          const direction: Direction = sort.startsWith('-') ? -1 : 1;
          for (const [actor, unitFilter, scope] of [
            [officerOf(unitIds[0]), {}, (doc: ReflectionDocument) => doc.unitId === unitIds[0]],
            [auditor, {}, () => true],
            [auditor, { unitId: unitIds[2] }, (doc: ReflectionDocument) => doc.unitId === unitIds[2]],
          ] as const) {
            const answered = await allPages((cursor) => list.execute(new ReflectionListQuery({ ...filter, ...unitFilter, sort, limit: 37, cursor }, actor)));
            const expected = ordered(reflections.filter((doc) => scope(doc) && keep(doc)), field, direction);
            expect([what, sort, actor.userId, unitFilter, answered]).toEqual([what, sort, actor.userId, unitFilter, expected]);
            compared += expected.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(10_000);
    });

    it('lists follow-ups by state and kind, page by page, as the plain computation does', async () => {
      const followUps = new FollowUpsHandler(readModels, clock, TAIWAN_OFFICE_CALENDAR);
      const all = await set.followUps.find({});
      const dueBy = addWorkingDays(today, 2, TAIWAN_OFFICE_CALENDAR);
      const states: [string | undefined, (doc: FollowUpDocument) => boolean][] = [
        [undefined, () => true],
        ['open', () => true],
        ['due', (doc) => doc.dueOn >= today && doc.dueOn <= dueBy],
        ['overdue', (doc) => doc.dueOn < today],
      ];
      let compared = 0;
      for (const [state, keep] of states) {
        for (const kind of [undefined, 'citizen_reply', 'department_answer', 'head_decision', 'agency_reply']) {
          for (const actor of [officerOf(unitIds[1]), auditor]) {
            const answered = await allPages((cursor) => followUps.execute(new FollowUpsQuery({ state: state as never, kind, limit: 23, cursor }, actor)));
            const expected = ordered(
              all.filter((doc) => doc.state === 'open' && keep(doc) && (kind === undefined || doc.kind === kind) && (actor === auditor || doc.unitId === actor.unitId)),
              'dueOn',
              1,
            );
            expect([state, kind, actor.userId, answered]).toEqual([state, kind, actor.userId, expected]);
            compared += expected.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
    });

    it('lists published results by place and words, page by page, as the plain computation does', async () => {
      const results = new PublicResultsHandler(readModels, units);
      const all = await set.publishedResults.find({});
      expect(all.length).toBeGreaterThan(50);
      const filters: [Record<string, string>, (doc: PublishedResultDocument) => boolean][] = [
        [{}, () => true],
        [{ county: '臺中市' }, (doc) => doc.county === '臺中市'],
        [{ village: '第2里' }, (doc) => doc.village === '第2里'],
        [{ q: '改善' }, (doc) => doc.publicSummary.includes('改善')],
        [{ county: '臺中市', village: '第4里', q: '完成' }, (doc) => doc.county === '臺中市' && doc.village === '第4里' && doc.publicSummary.includes('完成')],
        [{ q: '不存在的字' }, () => false],
      ];
      for (const [filter, keep] of filters) {
        const answered = await allPages((cursor) => results.execute(new PublicResultsQuery({ ...filter, limit: 11, cursor })));
        expect([filter, answered]).toEqual([filter, ordered(all.filter(keep), 'publishedOn', -1)]);
      }
      const [first] = (await results.execute(new PublicResultsQuery({ limit: 1 }))).items;
      expect(first.unit).toBe(unitNames[unitIds.indexOf((all.find((doc) => doc._id === first.id) as PublishedResultDocument).unitId)]);
    });

    it('counts the dashboard, its median included, as the plain computation does, for a unit and for every unit', async () => {
      const dashboard = new DashboardHandler(readModels, units, clock);
      for (const unitId of unitIds) {
        const answered = (await dashboard.execute(new DashboardQuery({}, officerOf(unitId)))) as UnitDashboard;
        expect(sortedSites(answered)).toEqual(sortedSites(dashboardOf(unitId, unitNames[unitIds.indexOf(unitId)], reflections)));
        expect(answered.medianDaysToCitizenReply).not.toBeNull();
      }
      const everyUnit = (await dashboard.execute(new DashboardQuery({}, auditor))) as { units: UnitDashboard[] };
      expect(everyUnit.units.map(sortedSites)).toEqual(unitIds.map((unitId, i) => sortedSites(dashboardOf(unitId, unitNames[i], reflections))));
      const medians = everyUnit.units.map((unit) => unit.medianDaysToCitizenReply);
      expect(new Set(medians).size).toBeGreaterThan(1);
    });

    it('builds the report rows and the AAC roster as the plain computation does', async () => {
      const builder = new BiweeklyReportBuilder(readModels, events);
      for (const start of ['2026-03-02', '2026-10-12']) {
        const period = periodOf(start);
        for (const unitId of unitIds) {
          const rows = await builder.build(unitId, period);
          const within = reflections.filter((doc) => doc.unitId === unitId && doc.receivedOn >= period.start && doc.receivedOn <= period.end);
          expect(rows.map((row) => [row.facts.kind, row.facts.itemIds])).toEqual([
            ['public_need', ordered(within.filter((doc) => doc.nature === 'public_need'), 'receivedOn', 1)],
            ['policy_feedback', ordered(within.filter((doc) => doc.nature === 'policy_feedback'), 'receivedOn', 1)],
            ['promotion', []],
          ]);
        }
      }
      const reader = new ReportReader(readModels, builder, units, events, new ReportDueRule(events, new IdentityLog(events, store), 3, TAIWAN_OFFICE_CALENDAR));
      const reports = await set.reports.find({});
      for (const start of ['2026-10-12', '2026-10-26', '2026-11-09']) {
        const roster = await reader.submissions(periodOf(start), today);
        const expected = unitIds.map((unitId) => reports.find((report: ReportDocument) => report.unitId === unitId && report.periodStart === start)?.status ?? 'not_drafted');
        expect([start, roster.map((row) => [row.unitId, row.status])]).toEqual([start, unitIds.map((unitId, i) => [unitId, expected[i]])]);
      }
      expect(reports).toHaveLength(3);
    });
  });
}

afterAll(() => dir.remove());
