import { randomUUID } from 'node:crypto';
import { taipeiDateOf, type AgencyLevel, type DeadlinePolicy } from '@integrity/domain';
import type { JsonObject } from '@integrity/event-store';
import type { ReadModelStore } from '@integrity/read-models';
import { IdentityError } from '../identity-error';
import { identityStreams, StreamTakenError, type IdentityLog, type RecordedBy } from '../identity-log';

/** `ethics_unit` (政風機構): records and handles cases, reports every two weeks; `aac` (廉政署): watches them all. */
export const UNIT_KINDS = ['ethics_unit', 'aac'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A unit: the tenant. `agencyName` is the competent authority an ethics unit serves. */
export interface Unit {
  _id: string;
  code: string;
  name: string;
  agencyName: string;
  /** Absent on units created before units had kinds: those are ethics units. */
  kind?: UnitKind;
  createdAt: string;
  /** The unit's own deadlines, over the programme's defaults. */
  deadlinePolicy?: Partial<DeadlinePolicy>;
  /** The day the unit started using the product, when the administrator set it (a unit bringing its history). */
  activeFrom?: string;
  /** Where and under whom the agency is, for the AAC to read its units by (absent until the administrator says). */
  profile?: UnitProfile;
}

/** The county the agency serves (null for a central agency serving the country), its ministry or government, its level. */
export interface UnitProfile {
  county: string | null;
  ministry: string | null;
  level: AgencyLevel | null;
}

/** From this day the unit owes its biweekly reports: the day set, or the day it was created (in Asia/Taipei). */
export const activeFromOf = (unit: Pick<Unit, 'activeFrom' | 'createdAt'>): string => unit.activeFrom ?? taipeiDateOf(new Date(unit.createdAt));

/** The units, as facts in the log (UnitCreated in a stream named for the code, UnitDeadlinePolicySet) folded into documents. */
export class UnitRegister {
  private readonly units;

  constructor(
    store: ReadModelStore,
    private readonly log: IdentityLog,
  ) {
    this.units = store.collection<Unit>('units');
  }

  /** Units created before they were facts in the log become facts once. */
  migrate(): Promise<number> {
    return this.log.migrate(
      'units',
      (unit) => identityStreams.unitCode(unit.code as string),
      ({ _id, _position: _unused, ...unit }) => ({ type: 'UnitCreated', data: { unitId: _id, ...unit } as JsonObject }),
    );
  }

  async create(input: { code: string; name: string; agencyName: string; kind: UnitKind }, by: RecordedBy): Promise<Unit> {
    const unit: Unit = { _id: randomUUID(), ...input, createdAt: by.at.toISOString() };
    try {
      await this.log.record(identityStreams.unitCode(input.code), 'UnitCreated', { unitId: unit._id, ...input, createdAt: unit.createdAt }, 'no_stream', by);
    } catch (error) {
      if (error instanceof StreamTakenError) throw new IdentityError('UNIT_CODE_TAKEN', `A unit with code ${input.code} already exists`, 409, 'code', { code: input.code });
      throw error;
    }
    return unit;
  }

  async get(id: string): Promise<Unit | null> {
    const found = (await this.units.findOne({ _id: id })) as (Unit & { _position?: string }) | null;
    if (!found) return null;
    const { _position: _fold, ...unit } = found;
    return unit;
  }

  async setDeadlinePolicy(id: string, policy: Partial<DeadlinePolicy>, by: RecordedBy): Promise<Unit | null> {
    if (!(await this.get(id))) return null;
    await this.log.record(identityStreams.unit(id), 'UnitDeadlinePolicySet', { policy: policy as JsonObject }, 'any', by);
    return this.get(id);
  }

  async setProfile(id: string, profile: UnitProfile, by: RecordedBy): Promise<Unit | null> {
    if (!(await this.get(id))) return null;
    await this.log.record(identityStreams.unit(id), 'UnitProfileSet', { ...profile }, 'any', by);
    return this.get(id);
  }

  async setActiveFrom(id: string, activeFrom: string, by: RecordedBy): Promise<Unit | null> {
    if (!(await this.get(id))) return null;
    await this.log.record(identityStreams.unit(id), 'UnitActiveFromSet', { activeFrom }, 'any', by);
    return this.get(id);
  }

  list(): Promise<Unit[]> {
    return this.units.find({}, { sort: { code: 1 }, exclude: ['_position'] });
  }

  /** The units that record cases and report every two weeks: every unit but the AAC. */
  ethicsUnits(): Promise<Unit[]> {
    return this.units.find({ kind: { $ne: 'aac' } }, { sort: { code: 1 }, exclude: ['_position'] });
  }
}

export const unitKindOf = (unit: Pick<Unit, 'kind'>): UnitKind => unit.kind ?? 'ethics_unit';
