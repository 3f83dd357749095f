import { randomUUID } from 'node:crypto';
import {
  DEFAULT_DEADLINE_POLICY,
  pendingReminders,
  reflectionDecider,
  subtractWorkingDays,
  REFLECTION_EVENT_VERSIONS,
  siteDecider,
  TAIWAN_OFFICE_CALENDAR,
  type Decider,
  type ReflectionCommand,
  type ReflectionEvent,
  type ReflectionEventType,
} from '@integrity/domain';
import type { EventStore, NewEvent } from '@integrity/event-store';

/** A small deterministic generator (mulberry32), so a seed gives the same history every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryShape {
  units: number;
  sitesPerUnit: number;
  reflections: number;
  seed?: number;
  /** The units' ids, when they exist already (registered units); otherwise new ones. */
  unitIds?: string[];
  /** The towns the units' sites are in, each unit's in one of them in turn; otherwise three districts of 臺中市. */
  towns?: { county: string; township: string }[];
}

const deadlines = { policy: DEFAULT_DEADLINE_POLICY, calendar: TAIWAN_OFFICE_CALENDAR };
const SUMMARIES = ['河川疏濬延宕，雨季恐淹水', '路燈故障多時未修', '公園遊具老舊', '申辦建照等候過久', '垃圾清運時間不固定', '社區道路坑洞', '補助款核銷流程繁複'];
const CATEGORIES = {
  public_need: ['decision_transparency', 'public_facilities', 'service_efficiency', 'process_simplification'],
  policy_feedback: ['policy_opinion', 'regulation_impact', 'policy_dispute'],
} as const;

function envelope(events: { type: string; data: unknown }[], at: Date, unitId: string): NewEvent[] {
  const correlationId = randomUUID();
  return events.map((event) => ({
    id: randomUUID(),
    type: event.type,
    schemaVersion: REFLECTION_EVENT_VERSIONS[event.type as ReflectionEventType] ?? 1,
    data: event.data as NewEvent['data'],
    metadata: { actorId: 'generator', unitId, correlationId, causationId: correlationId, occurredAt: at.toISOString() },
  }));
}

function run<C, E, S>(decider: Decider<C, E, S>, commands: C[]): E[] {
  const events: E[] = [];
  let state = decider.initialState();
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return events;
}

/**
 * Writes a realistic history: units with their sites, and reflections through every step of their life, each
 * decided by the real deciders (so every event is one the product could have written).
 */
export async function generateHistory(store: EventStore, shape: HistoryShape): Promise<{ events: number; unitIds: string[] }> {
  const next = random(shape.seed ?? 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const unitIds = shape.unitIds ?? Array.from({ length: shape.units }, () => randomUUID());
  const sites = new Map<string, string[]>();
  let count = 0;
  const start = Date.parse('2026-01-05T01:00:00Z');
  for (const [u, unitId] of unitIds.entries()) {
    const ids: string[] = [];
    for (let s = 0; s < shape.sitesPerUnit; s++) {
      const siteId = randomUUID();
      const town = shape.towns ? shape.towns[u % shape.towns.length] : { county: '臺中市', township: pick(['北區', '西區', '南區']) };
      const events = run(siteDecider, [{ type: 'RegisterSite', siteId, unitId, siteType: 'village_office', name: `第${s + 1}里辦公處`, ...town, village: `第${s + 1}里` }]);
      await store.append(`site-${siteId}`, envelope(events, new Date(start), unitId), 'no_stream');
      count += events.length;
      ids.push(siteId);
    }
    sites.set(unitId, ids);
  }

  const appends: Promise<unknown>[] = [];
  for (let r = 0; r < shape.reflections; r++) {
    const unitId = pick(unitIds);
    const reflectionId = randomUUID();
    const at = new Date(start + Math.floor(next() * 320) * 86_400_000);
    const receivedOn = at.toISOString().slice(0, 10);
    const nature = next() < 0.7 ? 'public_need' : 'policy_feedback';
    const commands: ReflectionCommand[] = [
      {
        type: 'ReceiveReflection',
        reflectionId,
        unitId,
        nature,
        category: pick(CATEGORIES[nature]),
        summary: pick(SUMMARIES),
        receivedOn,
        reporter: null,
        siteId: pick(sites.get(unitId) as string[]),
        theme: pick(['river_dredging', 'local_public_works', 'neighbourhood_funds', null]),
        handlingOpinion: '簽會相關單位',
        now: at,
        deadlines,
      },
      { type: 'RouteToDepartments', departments: [pick(['工務課', '建設課', '民政課'])], now: at, deadlines },
    ];
    const opinions = 2 + Math.floor(next() * 8);
    for (let o = 0; o < opinions; o++) commands.push({ type: 'RecordHandlingOpinion', opinion: `第${o + 1}次處理意見` });
    const stage = next();
    if (stage > 0.25) commands.push({ type: 'RecordDepartmentResponse', department: (commands[1] as { departments: string[] }).departments[0], response: '已處理' });
    if (stage > 0.4) commands.push({ type: 'ReportToHead', note: null, now: at, deadlines });
    // Some reports still wait for the head's decision (the head's to-do list).
    if (stage > 0.45) commands.push({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', byHead: true, now: at, deadlines });
    if (stage > 0.55) commands.push({ type: 'RecordCitizenReply', channel: 'phone', content: '已回復' });
    if (stage > 0.7) commands.push({ type: 'CloseReflection', outcome: '已改善' });
    if (stage > 0.85) commands.push({ type: 'PublishResult', venue: 'village_assembly', publicSummary: '已改善完成' });
    const events: ReflectionEvent[] = run(reflectionDecider, commands);
    count += events.length;
    // Received and routed on one day; each later step some days after the one before, so replies and
    // publications fall on days of their own.
    let days = 0;
    const dated = envelope(events, at, unitId).map((event, i) => {
      if (i >= 2) days += Math.floor(next() * 4);
      return { ...event, metadata: { ...event.metadata, occurredAt: new Date(at.getTime() + days * 86_400_000).toISOString() } };
    });
    appends.push(store.append(`reflection-${reflectionId}`, dated, 'no_stream'));
    if (appends.length >= 500) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
  return { events: count, unitIds };
}

/** A reflection received and routed to one department: two open obligations (citizen reply, department answer). */
function openingCommands(reflectionId: string, unitId: string, receivedOn: string, now: Date): ReflectionCommand[] {
  return [
    { type: 'ReceiveReflection', reflectionId, unitId, nature: 'public_need', category: 'public_facilities', summary: '路燈故障', receivedOn, reporter: null, now, deadlines },
    { type: 'RouteToDepartments', departments: ['工務課'], now, deadlines },
  ];
}

/** Reflections received and routed on one day, each with two open obligations (citizen reply, department answer). */
export async function openObligations(store: EventStore, reflections: number, receivedOn: string, units = 1): Promise<string[]> {
  const now = new Date(`${receivedOn}T02:00:00Z`);
  const ids: string[] = [];
  const appends: Promise<unknown>[] = [];
  for (let i = 0; i < reflections; i++) {
    const reflectionId = randomUUID();
    const unitId = `unit-${(i % units) + 1}`;
    ids.push(reflectionId);
    const events = run(reflectionDecider, openingCommands(reflectionId, unitId, receivedOn, now));
    appends.push(store.append(`reflection-${reflectionId}`, envelope(events, now, unitId), 'no_stream'));
    if (appends.length >= 1000) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
  return ids;
}

/**
 * Reflections received over the `days` working days up to `lastDay`, as many each day, every one with its two
 * obligations still open on `today`, after its reminders of 09:00. Each obligation has had the reminder whose day
 * has come (its past stages collapsed into the latest, as one catch-up would send them), as a running worker
 * would have sent it.
 */
export async function openObligationsOver(store: EventStore, perDay: number, days: number, lastDay: string, today: string, units = 1): Promise<void> {
  const appends: Promise<unknown>[] = [];
  for (let day = days - 1; day >= 0; day--) {
    const receivedOn = subtractWorkingDays(lastDay, day, TAIWAN_OFFICE_CALENDAR);
    const now = new Date(`${receivedOn}T02:00:00Z`);
    for (let i = 0; i < perDay; i++) {
      const reflectionId = randomUUID();
      const unitId = `unit-${(i % units) + 1}`;
      const opened = openingCommands(reflectionId, unitId, receivedOn, now);
      const events = run(reflectionDecider, opened);
      const { obligations } = events.reduce(reflectionDecider.evolve, reflectionDecider.initialState());
      const reminders: ReflectionCommand[] = obligations.flatMap((obligation) => {
        const [past] = pendingReminders(obligation, [], deadlines.policy, deadlines.calendar, today).filter((reminder) => reminder.sendOn <= today);
        return past ? [{ type: 'IssueFollowUpReminder' as const, obligationId: obligation.id, stage: past.stage, recipients: ['officer-1'] }] : [];
      });
      appends.push(store.append(`reflection-${reflectionId}`, envelope(run(reflectionDecider, [...opened, ...reminders]), now, unitId), 'no_stream'));
      if (appends.length >= 1000) await Promise.all(appends.splice(0));
    }
  }
  await Promise.all(appends);
}
