import { OVERDUE_VISITS, siteDecider, upcastHotspotEvent, upcastPlanEvent, upcastReflectionEvent, upcastReportEvent, upcastSiteEvent, type SiteEvent, type SiteRegistered } from '@integrity/domain';
import type { JsonObject, RecordedEvent } from '@integrity/event-store';
import { MatterTerms } from '@integrity/hotspots';
import type { ReadModelCollection, ReadModelDocument, WriteOperation } from '../read-model-store.port';
import { countsAfterBatch, type DashboardCountsDocument } from './dashboard-counts';
import { followUpsOf, publishedResultsOf, type NotificationDocument, type ReminderDocument } from './derived-documents';
import { accessDocumentOf, activityOf, PERSONAL_DATA_ACCESS_CATEGORY, type PersonalDataAccessDocument } from './activity.projection';
import { guarded } from './guarded-writes';
import { positionKey } from './position-key';
import type { ProjectionCheckpoint, ReadModelSet } from './read-model-set';
import type { OutreachDocument, PromotionDocument, SiteDocument } from './register-documents';
import type { ReflectionDocument } from './reflection-document';
import { projectReflection } from './reflection.projection';
import { projectPlan, type PlanDocument } from './plan.projection';
import { projectReport, receiptOf, type ReportDocument } from './report.projection';
import { hotspotWrites, type HotspotFact } from './hotspot.projection';

/** The segmenter's dictionary is loaded on the first reflection a projection compares, once per process. */
const matterTerms = new MatterTerms();

/**
 * The stream categories whose events make documents, and the registers' creating events. Every event of the log,
 * whatever its category, is listed in the activity.
 */
const DOCUMENT_CATEGORIES = new Set(['reflection', 'site', 'outreach', 'promotion', 'report', 'plan', 'auditcheckpoint', 'hotspot']);
const REGISTER_EVENTS: Record<string, string> = { site: 'SiteRegistered', outreach: 'OutreachRecorded', promotion: 'PromotionRecorded' };

/**
 * The event in its current shape, upcast from an older schema version; null for a type or version this code
 * does not know (skipped and counted, never fatal).
 */
export function upcastForProjection(event: RecordedEvent, category: string): RecordedEvent | null {
  const upcast =
    category === 'reflection'
      ? upcastReflectionEvent
      : category === 'report'
        ? upcastReportEvent
        : category === 'plan'
          ? upcastPlanEvent
          : category === 'site'
            ? upcastSiteEvent
          : category === 'hotspot'
            ? upcastHotspotEvent
          : category === 'auditcheckpoint'
            ? (type: string, version: number, data: JsonObject) => (type === 'AuditCheckpointRecorded' && (version === 1 || version === 2) ? data : null)
            : knownAtVersion1([REGISTER_EVENTS[category]]);
  const data = upcast(event.type, event.schemaVersion, event.data);
  if (data === null) return null;
  return data === event.data ? event : { ...event, data: data as JsonObject };
}

function knownAtVersion1(types: readonly string[]) {
  return (type: string, version: number, data: JsonObject) => (types.includes(type) && version === 1 ? data : null);
}

/** Marks a document a projection has just made with the event's position, in place (nothing else holds it). */
function markedAt<T extends { _position: string }>(fresh: T, key: string): T {
  fresh._position = key;
  return fresh;
}

const idOf = (event: RecordedEvent) => event.streamId.slice(event.streamId.indexOf('-') + 1);

/** Documents of one collection a batch reads or changes, loaded once and written once. */
class BatchDocuments<T extends ReadModelDocument & { _position: string }> {
  readonly documents = new Map<string, T | null>();
  readonly changed = new Set<string>();

  constructor(readonly collection: ReadModelCollection<T>) {}

  async load(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.documents.has(id));
    if (missing.length === 0) return;
    const found = await this.collection.find({ _id: { $in: missing } });
    for (const id of missing) this.documents.set(id, null);
    for (const document of found) this.documents.set(document._id, document);
  }

  get(id: string): T | null {
    return this.documents.get(id) ?? null;
  }

  /** Whether the document already holds this event (it was written by an earlier run cut off before its checkpoint). */
  holds(id: string, key: string): boolean {
    const document = this.get(id);
    return document !== null && document._position >= key;
  }

  set(document: T): void {
    this.documents.set(document._id, document);
    this.changed.add(document._id);
  }

  writes(): WriteOperation<T>[] {
    return guarded([...this.changed].map((id) => this.documents.get(id) as T));
  }
}

export interface BatchOutcome {
  checkpoint: ProjectionCheckpoint;
  skippedUnknown: number;
}

/**
 * Applies a batch of events to a generation of read models: loads what the batch touches, folds the events in
 * memory, writes each changed document once (guarded by its last position), then the checkpoint. Cut off at
 * any point, the same batch applied again gives the same documents and counts.
 */
export async function applyBatch(set: ReadModelSet, events: RecordedEvent[], previous: ProjectionCheckpoint, now: Date): Promise<BatchOutcome> {
  const reflections = new BatchDocuments<ReflectionDocument>(set.reflections);
  const reports = new BatchDocuments<ReportDocument>(set.reports);
  const plans = new BatchDocuments<PlanDocument>(set.plans);
  const registers = {
    site: new BatchDocuments<SiteDocument>(set.sites),
    outreach: new BatchDocuments<OutreachDocument>(set.outreach),
    promotion: new BatchDocuments<PromotionDocument>(set.promotions),
  };
  const byCategory = (category: string) => events.filter((e) => e.streamId.startsWith(`${category}-`)).map(idOf);
  await reflections.load(byCategory('reflection'));
  const found = new Map(reflections.documents);
  const receipted = events.filter((e) => e.type === 'AuditCheckpointRecorded').flatMap((e) => (e.data.reportIds as string[] | undefined) ?? []);
  await reports.load([...byCategory('report'), ...receipted]);
  await plans.load(byCategory('plan'));
  const siteIds = events
    .flatMap((e) => (e.type === 'OverdueVisitsSummarised' ? (e.data.visits as { siteId: string }[]) : e.type === 'ReflectionReceived' || e.type === 'VisitReminderIssued' ? [e.data as { siteId: string | null }] : []))
    .map((visit) => visit.siteId)
    .filter((id): id is string => id !== null);
  await registers.site.load([...byCategory('site'), ...siteIds]);
  await registers.outreach.load(byCategory('outreach'));
  await registers.promotion.load(byCategory('promotion'));

  let skippedUnknown = 0;
  /** Reflections whose follow-ups and published results are written again, whether or not the batch changed them. */
  const derivedFrom = new Set<string>();
  const notifications: NotificationDocument[] = [];
  const reminders: ReminderDocument[] = [];
  const receipts: { id: string; key: string }[] = [];
  const accesses: PersonalDataAccessDocument[] = [];
  const hotspotFacts: HotspotFact[] = [];
  for (const stored of events) {
    const key = positionKey(stored.position);
    const id = idOf(stored);
    const category = stored.streamId.slice(0, stored.streamId.indexOf('-'));
    if (category === PERSONAL_DATA_ACCESS_CATEGORY) accesses.push(accessDocumentOf(stored));
    if (!DOCUMENT_CATEGORIES.has(category)) continue;
    const event = upcastForProjection(stored, category);
    if (event === null) {
      skippedUnknown++;
    } else if (category === 'reflection') {
      // An event the reflection already holds (an earlier run wrote it, then failed before its checkpoint) still
      // derives its documents: that run may have failed before writing them.
      const alreadyApplied = reflections.holds(id, key);
      const siteId = event.type === 'ReflectionReceived' ? (event.data.siteId as string | null) : null;
      const next = alreadyApplied ? reflections.get(id) : projectReflection(reflections.get(id), event, siteId ? registers.site.get(siteId) : null);
      if (next && !alreadyApplied) reflections.set(markedAt(next, key));
      const intake = event.type === 'ReflectionReceived' || event.type === 'ReflectionImported';
      if (next && !alreadyApplied && intake) receipts.push({ id, key });
      if (next && intake) hotspotFacts.push({ kind: 'received', reflection: next, key });
      if (next) derivedFrom.add(id);
      if (next && event.type === 'FollowUpReminderIssued') {
        const data = event.data as ReminderData;
        const beyondCalendar = next.obligations.some((o) => o.id === data.obligationId && o.beyondCalendar === true);
        const about = { reflectionId: id, planId: null, kind: data.kind, party: data.party, ...(beyondCalendar ? { beyondCalendar } : {}) };
        notifications.push(...notificationsOf(event, next.unitId, key, about));
        reminders.push(reminderOf(event, next.unitId, key, about));
      }
    } else if (category === 'hotspot') {
      const { hotspotId, reflectionIds, note } = event.data as { hotspotId: string; reflectionIds: string[]; note: string };
      hotspotFacts.push({ kind: 'reviewed', hotspotId, key, review: { note, reflectionIds, reviewedAt: event.metadata.occurredAt, reviewedBy: event.metadata.actorId } });
    } else if (category === 'report') {
      if (reports.holds(id, key)) continue;
      const next = projectReport(reports.get(id), event);
      if (next) reports.set(markedAt(next, key));
    } else if (category === 'auditcheckpoint') {
      const receipt = { root: event.data.root as string, events: event.data.events as number, recordedAt: event.metadata.occurredAt };
      for (const reportId of (event.data.reportIds as string[] | undefined) ?? []) {
        const report = reports.get(reportId);
        if (report && !reports.holds(reportId, key)) reports.set({ ...receiptOf(report, receipt), _position: key });
      }
    } else if (category === 'plan') {
      const alreadyApplied = plans.holds(id, key);
      const next = alreadyApplied ? plans.get(id) : projectPlan(plans.get(id), event);
      if (next && !alreadyApplied) plans.set(markedAt(next, key));
      if (next && event.type === 'VisitReminderIssued') {
        const about = { reflectionId: null, planId: id, kind: 'site_visit' as const, party: registers.site.get(event.data.siteId as string)?.name ?? null };
        notifications.push(...notificationsOf(event, next.unitId, key, about));
        reminders.push(reminderOf(event, next.unitId, key, about));
      }
      if (next && event.type === 'OverdueVisitsSummarised') {
        const { visits: summarised, recipients } = event.data as { visits: { siteId: string; dueOn: string }[]; recipients: string[] };
        const visits = summarised.map(({ siteId, dueOn }) => ({ siteId, siteName: registers.site.get(siteId)?.name ?? null, dueOn })).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
        const data: ReminderData = { ...OVERDUE_VISITS, kind: 'site_visit', party: null, dueOn: visits[0].dueOn, recipients };
        const about = { reflectionId: null, planId: id, kind: 'site_visit' as const, party: null };
        notifications.push(...notificationsOf(event, next.unitId, key, about, data).map((notification) => ({ ...notification, visits })));
        reminders.push(reminderOf(event, next.unitId, key, about, data));
      }
    } else {
      const touched = registers[category as keyof typeof registers] as BatchDocuments<ReadModelDocument & { _position: string }>;
      if (touched.holds(id, key)) continue;
      if (event.type === 'SitePlaced') {
        // A later placement in the register's village, folded as the domain folds it: the rest of the site stays.
        const site = touched.get(id);
        const placed = site && siteDecider.evolve({ registered: true, site: site as unknown as SiteRegistered['data'] }, event as unknown as SiteEvent);
        if (placed?.registered) touched.set({ ...(placed.site as unknown as ReadModelDocument), _position: key });
      } else {
        touched.set({ _id: id, _position: key, ...event.data });
      }
    }
  }

  await numberCases(set.reflections, reflections, receipts);
  const touchedReflections = [...derivedFrom].map((id) => reflections.get(id) as ReflectionDocument);
  const options = { skipDuplicates: true };
  const hotspots = hotspotFacts.length > 0 ? await hotspotWrites(set, hotspotFacts, matterTerms) : { hotspots: [], members: [] };
  // Every document is guarded on its own, so the collections may be written in any order; the checkpoint
  // follows only once all of them are written. Should one write fail, the batch is applied again, and whatever
  // derives from an event is derived again from it (see `alreadyApplied`), so nothing derived stays missing.
  await Promise.all([
    registers.site.collection.bulkWrite(registers.site.writes(), options),
    registers.outreach.collection.bulkWrite(registers.outreach.writes(), options),
    registers.promotion.collection.bulkWrite(registers.promotion.writes(), options),
    set.followUps.bulkWrite(guarded(touchedReflections.flatMap(followUpsOf)), options),
    set.publishedResults.bulkWrite(guarded(touchedReflections.flatMap(publishedResultsOf)), options),
    set.reflections.bulkWrite(reflections.writes(), options),
    set.notifications.bulkWrite(guarded(notifications), options),
    set.reminders.bulkWrite(guarded(reminders), options),
    set.reports.bulkWrite(reports.writes(), options),
    set.plans.bulkWrite(plans.writes(), options),
    set.activity.bulkWrite(guarded(events.map(activityOf)), options),
    set.personalDataAccess.bulkWrite(guarded(accesses), options),
    set.hotspots.bulkWrite(hotspots.hotspots, options),
    set.hotspotMembers.bulkWrite(hotspots.members, options),
  ]);
  // Counts follow the reflections: when they must be counted afresh, it is from the reflections just written.
  const changes = [...reflections.documents].flatMap(([id, after]) => (after ? [{ before: found.get(id) ?? null, after }] : []));
  const counts = await countsAfterBatch(set.dashboardCounts, set.reflections, changes, previous.position);
  await set.dashboardCounts.bulkWrite(guarded<DashboardCountsDocument>(counts), options);

  const last = events[events.length - 1];
  const checkpoint: ProjectionCheckpoint = {
    _id: previous._id,
    position: last ? positionKey(last.position) : previous.position,
    eventLog: previous.eventLog,
    shape: previous.shape,
    skippedUnknown: previous.skippedUnknown + skippedUnknown,
    eventsApplied: previous.eventsApplied + events.length,
    lastEventAt: last ? last.metadata.occurredAt : previous.lastEventAt,
    updatedAt: now.toISOString(),
    ...(last ? { lastEvent: { id: last.id, after: events.length > 1 ? positionKey(events[events.length - 2].position) : previous.position } } : previous.lastEvent ? { lastEvent: previous.lastEvent } : {}),
    ...(previous.epoch === undefined ? {} : { epoch: previous.epoch }),
  };
  await set.saveCheckpoint(checkpoint);
  return { checkpoint, skippedUnknown };
}

/**
 * Gives each case received in the batch its number: one more than the unit's cases of that ROC year received
 * before it in the log. Those already written (an earlier run of this batch cut off) are counted where they
 * stand, so a batch applied again numbers every case as before.
 */
async function numberCases(stored: ReadModelCollection<ReflectionDocument>, touched: BatchDocuments<ReflectionDocument>, receipts: { id: string; key: string }[]): Promise<void> {
  const groups = new Map<string, { doc: ReflectionDocument; key: string }[]>();
  for (const { id, key } of receipts) {
    const doc = touched.get(id) as ReflectionDocument;
    const group = `${doc.unitId}/${doc.caseYear}`;
    groups.set(group, [...(groups.get(group) ?? []), { doc, key }]);
  }
  for (const cases of groups.values()) {
    const { unitId, caseYear } = cases[0].doc;
    const first = cases[0].key;
    const [before, heldAfter] = await Promise.all([
      stored.countDocuments({ unitId, caseYear, receiptKey: { $lt: first } }),
      stored.find({ unitId, caseYear, receiptKey: { $gte: first } }),
    ]);
    const heldKeys = heldAfter.map((doc) => doc.receiptKey);
    cases.forEach(({ doc, key }, i) => {
      const seq = before + heldKeys.filter((k) => k < key).length + i + 1;
      doc.receiptKey = key;
      doc.caseNo = `${caseYear}-${String(seq).padStart(4, '0')}`;
    });
  }
}

type ReminderData = { obligationId: string; kind: NotificationDocument['kind']; party: string | null; stage: string; dueOn: string; recipients: string[] };
/** What a reminder is about: a reflection's obligation, or a visit of a plan (its site named). */
type ReminderAbout = Pick<NotificationDocument, 'reflectionId' | 'planId' | 'kind' | 'party' | 'beyondCalendar'>;

function reminderOf(event: RecordedEvent, unitId: string, key: string, about: ReminderAbout, data = event.data as ReminderData): ReminderDocument {
  return {
    _id: event.id,
    _position: key,
    unitId,
    reflectionId: about.reflectionId,
    planId: about.planId,
    obligationId: data.obligationId,
    stage: data.stage,
    recipients: data.recipients.length,
    issuedAt: event.metadata.occurredAt,
  };
}

/** A reminder lands in each recipient's inbox. */
function notificationsOf(event: RecordedEvent, unitId: string, key: string, about: ReminderAbout, data = event.data as ReminderData): NotificationDocument[] {
  return data.recipients.map((userId) => ({
    _id: `${event.id}_${userId}`,
    _position: key,
    userId,
    unitId,
    ...about,
    obligationId: data.obligationId,
    stage: data.stage,
    dueOn: data.dueOn,
    createdAt: event.metadata.occurredAt,
  }));
}
