/** A value an ordered index keeps: MongoDB sorts null (and missing) before numbers, and numbers before strings. */
export type IndexValue = string | number | null;

const rank = (value: IndexValue) => (value === null ? 0 : typeof value === 'number' ? 1 : 2);

function compareValues(a: IndexValue, b: IndexValue): number {
  if (a === b) return 0;
  const ranks = rank(a) - rank(b);
  if (ranks !== 0) return ranks;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

interface Entry {
  key: IndexValue[];
  id: string;
}

/** Leaves are kept this size or smaller, so an insert moves at most this many entries. */
const LEAF = 256;

/**
 * The documents of a collection in the order of an index's fields (each ascending or descending), then of `_id`
 * ascending when the index does not end with it: a sorted list cut into leaves, so writes stay cheap at any size
 * and a paged, sorted query reads from where its equalities start instead of every document of the scope.
 * Documents whose value for a field is not a string, number or null make the index unusable (queries fall back).
 */
export class OrderedIndex {
  private readonly leaves: Entry[][] = [[]];
  usable = true;

  readonly fields: [string, 1 | -1][];

  constructor(fields: [string, 1 | -1][]) {
    this.fields = fields.some(([field]) => field === '_id') ? fields : [...fields, ['_id', 1]];
  }

  /** The fields and their directions, which tell two indexes apart. */
  get name(): string {
    return this.fields.map(([field, direction]) => `${field}_${direction}`).join('_');
  }

  /** The key of a document, or null when a value cannot be ordered here. */
  keyOf(document: Record<string, unknown>): IndexValue[] | null {
    const key: IndexValue[] = [];
    for (const [field] of this.fields) {
      const value = document[field] ?? null;
      if (value !== null && typeof value !== 'string' && typeof value !== 'number') return null;
      key.push(value);
    }
    return key;
  }

  /** Whether two versions of a document stand at the same place. */
  sameKey(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
    return this.fields.every(([field]) => (a[field] ?? null) === (b[field] ?? null));
  }

  /** The first place (leaf, position) whose entry satisfies `reached`, which holds from some place to the end. */
  private locate(reached: (entry: Entry) => boolean): [number, number] {
    let low = 0;
    let high = this.leaves.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      const leaf = this.leaves[middle];
      if (reached(leaf[leaf.length - 1])) high = middle;
      else low = middle + 1;
    }
    const leaf = this.leaves[low];
    let from = 0;
    let to = leaf.length;
    while (from < to) {
      const middle = (from + to) >> 1;
      if (reached(leaf[middle])) to = middle;
      else from = middle + 1;
    }
    return [low, from];
  }

  add(document: Record<string, unknown>, id: string): void {
    const key = this.keyOf(document);
    if (!key) {
      this.usable = false;
      return;
    }
    const entry = { key, id };
    const [at, position] = this.locate((other) => this.comparePrefix(other, entry.key) >= 0);
    const leaf = this.leaves[at];
    leaf.splice(position, 0, entry);
    if (leaf.length > LEAF) this.leaves.splice(at + 1, 0, leaf.splice(LEAF / 2));
  }

  /**
   * Adds many documents at once: into an empty index by one sort, cut into leaves three quarters full (room for
   * later inserts); otherwise one by one.
   */
  addAll(documents: Iterable<Record<string, unknown> & { _id: string }>): void {
    if (this.leaves.length > 1 || this.leaves[0].length > 0) {
      for (const document of documents) this.add(document, document._id);
      return;
    }
    const entries: Entry[] = [];
    for (const document of documents) {
      const key = this.keyOf(document);
      if (!key) {
        this.usable = false;
        return;
      }
      entries.push({ key, id: document._id });
    }
    entries.sort((a, b) => this.comparePrefix(a, b.key));
    const fill = (LEAF * 3) / 4;
    this.leaves.length = 0;
    for (let from = 0; from < entries.length; from += fill) this.leaves.push(entries.slice(from, from + fill));
    if (this.leaves.length === 0) this.leaves.push([]);
  }

  remove(document: Record<string, unknown>, id: string): void {
    const key = this.keyOf(document);
    if (!key) return;
    const entry = { key, id };
    const [at, position] = this.locate((other) => this.comparePrefix(other, entry.key) >= 0);
    const leaf = this.leaves[at];
    if (leaf[position]?.id !== id) return;
    leaf.splice(position, 1);
    if (leaf.length === 0 && this.leaves.length > 1) this.leaves.splice(at, 1);
  }

  /** How an entry's first fields stand to `prefix` (a whole key compares every field), in index order. */
  private comparePrefix(entry: Entry, prefix: IndexValue[]): number {
    for (let i = 0; i < prefix.length; i++) {
      const order = compareValues(entry.key[i], prefix[i]) * this.fields[i][1];
      if (order !== 0) return order;
    }
    return 0;
  }

  /** Ids in index order (or reversed) of the entries whose first fields equal `prefix`. */
  *scan(prefix: IndexValue[], reversed: boolean): Generator<string> {
    let [at, position] = this.locate((entry) => this.comparePrefix(entry, prefix) >= 0);
    const [endAt, endPosition] = this.locate((entry) => this.comparePrefix(entry, prefix) > 0);
    if (!reversed) {
      for (; at < endAt || (at === endAt && position < endPosition); position++) {
        if (position >= this.leaves[at].length) {
          at++;
          position = -1;
          continue;
        }
        yield this.leaves[at][position].id;
      }
      return;
    }
    for (let leafAt = endAt, i = endPosition - 1; leafAt > at || (leafAt === at && i >= position); i--) {
      if (i < 0) {
        leafAt--;
        i = this.leaves[leafAt].length;
        continue;
      }
      yield this.leaves[leafAt][i].id;
    }
  }

  /**
   * Ids of the entries whose first fields equal `prefix` and whose next field lies within `bounds`, in index
   * order: a superset of what the range matches (values of another type are among them), for the caller to check.
   * Null when that field is ordered descending here.
   */
  range(prefix: IndexValue[], bounds: { $gt?: IndexValue; $gte?: IndexValue; $lt?: IndexValue; $lte?: IndexValue }): string[] | null {
    const k = prefix.length;
    if (k >= this.fields.length || this.fields[k][1] !== 1) return null;
    const within = (entry: Entry) => this.comparePrefix(entry, prefix);
    const low = bounds.$gt !== undefined ? { value: bounds.$gt, open: true } : bounds.$gte !== undefined ? { value: bounds.$gte, open: false } : null;
    const high = bounds.$lt !== undefined ? { value: bounds.$lt, open: true } : bounds.$lte !== undefined ? { value: bounds.$lte, open: false } : null;
    let [at, position] = this.locate((entry) => {
      const order = within(entry);
      if (order !== 0 || !low) return order >= 0;
      const c = compareValues(entry.key[k], low.value);
      return low.open ? c > 0 : c >= 0;
    });
    const [endAt, endPosition] = this.locate((entry) => {
      const order = within(entry);
      if (order !== 0 || !high) return order > 0;
      const c = compareValues(entry.key[k], high.value);
      return high.open ? c >= 0 : c > 0;
    });
    const ids: string[] = [];
    for (; at < endAt || (at === endAt && position < endPosition); position++) {
      if (position >= this.leaves[at].length) {
        at++;
        position = -1;
        continue;
      }
      ids.push(this.leaves[at][position].id);
    }
    return ids;
  }
}
