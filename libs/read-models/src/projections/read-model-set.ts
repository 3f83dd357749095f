import { DuplicateKeyError, type ReadModelCollection, type ReadModelStore } from '../read-model-store.port';
import { aggregateDashboardCounts, type DashboardCountsDocument } from './dashboard-counts';
import type { ActivityDocument, PersonalDataAccessDocument } from './activity.projection';
import type { FollowUpDocument, NotificationDocument, PublishedResultDocument, ReminderDocument } from './derived-documents';
import type { OutreachDocument, PromotionDocument, SiteDocument } from './register-documents';
import type { PlanDocument } from './plan.projection';
import type { ReflectionDocument } from './reflection-document';
import type { ReportDocument } from './report.projection';
import type { HotspotDocument, HotspotMemberDocument } from './hotspot.projection';

/**
 * The shape the projections give their documents. It grows when a release changes what a document holds (2: reports
 * in versions, cases numbered per unit and year; 3: every event listed in the activity, personal-data accesses; 4:
 * reflections placed in their own village, counted by place; hotspots);
 * a generation projected in an older shape is rebuilt at start.
 */
export const READ_MODEL_SHAPE = 4;

/** Where a generation of read models stands: the last event applied and the unknown events skipped. */
export interface ProjectionCheckpoint {
  _id: string;
  /** positionKey of the last event applied; '' before the first. */
  position: string;
  /** The identity of the event log the position belongs to; null before the first event (or from an earlier release). */
  eventLog: string | null;
  /** The READ_MODEL_SHAPE its documents were projected in; absent before shapes were counted (1). */
  shape?: number;
  skippedUnknown: number;
  eventsApplied: number;
  lastEventAt: string | null;
  updatedAt: string;
  /**
   * The last event applied and the position of the one applied before it ('' for none), to see that the log still
   * holds it in its place (see readModelsAheadOfLog); absent before the first.
   */
  lastEvent?: { id: string; after: string };
  /** The lease epoch of the worker that wrote it (see Lease.hold); absent from a rebuild and before leases had epochs. */
  epoch?: number;
}

/** The checkpoint was written by a leader with a greater epoch: this writer has lost the lease and writes nothing more. */
export class StaleWriterError extends Error {
  readonly code = 'STALE_WRITER';

  constructor(
    readonly epoch: number,
    readonly storedEpoch: number,
  ) {
    super(`The read models' checkpoint was written with lease epoch ${storedEpoch}; this writer holds epoch ${epoch}, an older lease`);
    this.name = 'StaleWriterError';
  }
}

interface ActiveGeneration {
  _id: 'active';
  generation: number;
}

/**
 * One generation of every read model. A rebuild fills a fresh generation and switches to it only once it has
 * caught up, so readers never see a half-built model.
 */
export class ReadModelSet {
  readonly reflections: ReadModelCollection<ReflectionDocument>;
  readonly followUps: ReadModelCollection<FollowUpDocument>;
  readonly publishedResults: ReadModelCollection<PublishedResultDocument>;
  readonly sites: ReadModelCollection<SiteDocument>;
  readonly outreach: ReadModelCollection<OutreachDocument>;
  readonly promotions: ReadModelCollection<PromotionDocument>;
  readonly notifications: ReadModelCollection<NotificationDocument>;
  readonly reminders: ReadModelCollection<ReminderDocument>;
  readonly reports: ReadModelCollection<ReportDocument>;
  readonly plans: ReadModelCollection<PlanDocument>;
  /** Each unit's dashboard counts, by unit id. */
  readonly dashboardCounts: ReadModelCollection<DashboardCountsDocument>;
  /** Every event of the log, by position: the audit's list of who did what. */
  readonly activity: ReadModelCollection<ActivityDocument>;
  readonly personalDataAccess: ReadModelCollection<PersonalDataAccessDocument>;
  /** Reflections about the same matter, and the reflections as they are compared. */
  readonly hotspots: ReadModelCollection<HotspotDocument>;
  readonly hotspotMembers: ReadModelCollection<HotspotMemberDocument>;
  private readonly checkpoints: ReadModelCollection<ProjectionCheckpoint>;

  constructor(
    store: ReadModelStore,
    readonly generation: number,
  ) {
    const named = (name: string) => `${name}_g${generation}`;
    this.reflections = store.collection(named('reflections'));
    this.followUps = store.collection(named('follow_ups'));
    this.publishedResults = store.collection(named('published_results'));
    this.sites = store.collection(named('sites'));
    this.outreach = store.collection(named('outreach'));
    this.promotions = store.collection(named('promotions'));
    this.notifications = store.collection(named('notifications'));
    this.reminders = store.collection(named('reminders'));
    this.reports = store.collection(named('reports'));
    this.plans = store.collection(named('plans'));
    this.dashboardCounts = store.collection(named('dashboard_counts'));
    this.activity = store.collection(named('activity'));
    this.personalDataAccess = store.collection(named('personal_data_access'));
    this.hotspots = store.collection(named('hotspots'));
    this.hotspotMembers = store.collection(named('hotspot_members'));
    this.checkpoints = store.collection('projection_checkpoints');
  }

  static async active(store: ReadModelStore): Promise<ReadModelSet> {
    return new ReadModelSet(store, await activeGeneration(store));
  }

  async checkpoint(): Promise<ProjectionCheckpoint> {
    return (
      (await this.checkpoints.findOne({ _id: `g${this.generation}` })) ?? {
        _id: `g${this.generation}`,
        position: '',
        eventLog: null,
        shape: READ_MODEL_SHAPE,
        skippedUnknown: 0,
        eventsApplied: 0,
        lastEventAt: null,
        updatedAt: new Date(0).toISOString(),
      }
    );
  }

  /**
   * Checkpoints only move forward: a writer that lost a race to a later position (two projectors during a
   * failover) leaves the later one in place. A checkpoint carrying an older lease epoch than the stored one is
   * refused (StaleWriterError): its writer was paused past its lease while another took over.
   */
  async saveCheckpoint(checkpoint: ProjectionCheckpoint): Promise<void> {
    const { _id, ...fields } = checkpoint;
    const epoch = fields.epoch ?? 0;
    const unfenced = { $or: [{ epoch: { $exists: false } }, { epoch: { $lte: epoch } }] };
    try {
      await this.checkpoints.updateOne({ _id, position: { $lte: fields.position }, ...unfenced }, { $set: fields }, { upsert: true });
      return;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const stored = await this.checkpoints.findOne({ _id });
    if ((stored?.epoch ?? 0) > epoch) throw new StaleWriterError(epoch, stored?.epoch ?? 0);
  }

  /** Counts every unit's dashboard afresh when this generation was projected before counts were kept. */
  async countDashboardsIfMissing(): Promise<number> {
    if ((await this.dashboardCounts.findOne({})) || !(await this.reflections.findOne({}))) return 0;
    const counts = await aggregateDashboardCounts(this.reflections);
    await this.dashboardCounts.bulkWrite(counts.map((replacement) => ({ replaceOne: { filter: { _id: replacement._id }, replacement, upsert: true } })));
    return counts.length;
  }

  /** The indexes the projection itself reads by (numbering cases, comparing reflections): made before the first batch, a rebuild's too. */
  async ensureProjectionIndexes(): Promise<void> {
    await this.reflections.createIndex({ unitId: 1, caseYear: 1, receiptKey: 1 });
    await this.hotspotMembers.createIndex({ bands: 1 });
  }

  /** Indexes the queries need, MongoDB's and the embedded store's alike. */
  async ensureIndexes(): Promise<void> {
    await this.ensureProjectionIndexes();
    await this.reflections.createIndex({ unitId: 1, receivedOn: -1, _id: -1 });
    await this.reflections.createIndex({ unitId: 1, nextDueOn: 1 });
    // The AAC reads every unit at once: its sorts need indexes without the unit in front.
    await this.reflections.createIndex({ receivedOn: -1, _id: -1 });
    await this.reflections.createIndex({ updatedAt: -1, _id: -1 });
    // The public status page finds a case by its receipt code's hash, and nothing else.
    await this.reflections.createIndex({ 'receipt.codeHash': 1 });
    await this.followUps.createIndex({ state: 1, dueOn: 1, _id: 1 });
    await this.followUps.createIndex({ unitId: 1, state: 1, dueOn: 1 });
    await this.followUps.createIndex({ reflectionId: 1 });
    await this.publishedResults.createIndex({ publishedOn: -1, _id: -1 });
    await this.notifications.createIndex({ userId: 1, createdAt: -1 });
    await this.reminders.createIndex({ issuedAt: -1 });
    await this.reports.createIndex({ periodStart: 1, unitId: 1 });
    await this.promotions.createIndex({ unitId: 1 });
    await this.outreach.createIndex({ unitId: 1, siteId: 1 });
    await this.plans.createIndex({ unitId: 1, state: 1 });
    await this.activity.createIndex({ unitId: 1, _id: -1 });
    await this.activity.createIndex({ actorId: 1, _id: -1 });
    await this.activity.createIndex({ type: 1, _id: -1 });
    await this.personalDataAccess.createIndex({ reflectionUnitId: 1, _id: -1 });
    await this.personalDataAccess.createIndex({ reflectionId: 1, _id: -1 });
    await this.personalDataAccess.createIndex({ actorId: 1, _id: -1 });
    await this.hotspots.createIndex({ latestOn: -1, _id: 1 });
    await this.hotspots.createIndex({ aliases: 1 });
  }

  async drop(): Promise<void> {
    for (const collection of [this.reflections, this.followUps, this.publishedResults, this.sites, this.outreach, this.promotions, this.notifications, this.reminders, this.reports, this.plans, this.dashboardCounts, this.activity, this.personalDataAccess, this.hotspots, this.hotspotMembers]) {
      await collection.drop();
    }
    await this.checkpoints.deleteOne({ _id: `g${this.generation}` });
  }
}

const generations = (store: ReadModelStore) => store.collection<ActiveGeneration>('read_model_generations');

export async function activeGeneration(store: ReadModelStore): Promise<number> {
  return (await generations(store).findOne({ _id: 'active' }))?.generation ?? 1;
}

export async function activateGeneration(store: ReadModelStore, generation: number): Promise<void> {
  await generations(store).updateOne({ _id: 'active' }, { $set: { generation } }, { upsert: true });
}
