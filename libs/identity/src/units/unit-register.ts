import { randomUUID } from 'node:crypto';
import type { DeadlinePolicy } from '@integrity/domain';
import { DuplicateKeyError, type ReadModelStore } from '@integrity/read-models';
import { IdentityError } from '../identity-error';

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
}

export class UnitRegister {
  private readonly units;

  constructor(store: ReadModelStore) {
    this.units = store.collection<Unit>('units');
  }

  async init(): Promise<void> {
    await this.units.createIndex({ code: 1 }, { unique: true });
  }

  async create(input: { code: string; name: string; agencyName: string; kind: UnitKind }, now: Date): Promise<Unit> {
    const unit: Unit = { _id: randomUUID(), ...input, createdAt: now.toISOString() };
    try {
      await this.units.insertOne(unit);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new IdentityError('UNIT_CODE_TAKEN', `A unit with code ${input.code} already exists`, 409, 'code', { code: input.code });
      throw error;
    }
    return unit;
  }

  get(id: string): Promise<Unit | null> {
    return this.units.findOne({ _id: id });
  }

  async setDeadlinePolicy(id: string, policy: Partial<DeadlinePolicy>): Promise<Unit | null> {
    const { matchedCount } = await this.units.updateOne({ _id: id }, { $set: { deadlinePolicy: policy } });
    return matchedCount === 0 ? null : this.get(id);
  }

  list(): Promise<Unit[]> {
    return this.units.find({}, { sort: { code: 1 } });
  }

  /** The units that record cases and report every two weeks: every unit but the AAC. */
  ethicsUnits(): Promise<Unit[]> {
    return this.units.find({ kind: { $ne: 'aac' } }, { sort: { code: 1 } });
  }
}

export const unitKindOf = (unit: Pick<Unit, 'kind'>): UnitKind => unit.kind ?? 'ethics_unit';
