import { randomUUID } from 'node:crypto';
import type { DeadlinePolicy } from '@integrity/domain';
import { DuplicateKeyError, type ReadModelStore } from '@integrity/read-models';
import { IdentityError } from '../identity-error';

/** An ethics unit (政風機構): the tenant. `agencyName` is the competent authority it serves. */
export interface Unit {
  _id: string;
  code: string;
  name: string;
  agencyName: string;
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

  async create(input: { code: string; name: string; agencyName: string }, now: Date): Promise<Unit> {
    const unit: Unit = { _id: randomUUID(), ...input, createdAt: now.toISOString() };
    try {
      await this.units.insertOne(unit);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new IdentityError('UNIT_CODE_TAKEN', `A unit with code ${input.code} already exists`, 409, 'code');
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
}
