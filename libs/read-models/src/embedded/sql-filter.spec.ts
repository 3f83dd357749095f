import Database from '@integrity/sqlite';
import { Query } from 'mingo';
import { translateFilter, translateSort, type FieldKnowledge } from './sql-filter';

/**
 * The translation against mingo, MongoDB's language as the product reads it: every filter over every document
 * below, each of a shape a field may take (a string, a number, a boolean, null, missing, an array, an object).
 * An exact translation must select what mingo selects; any other must select at least that.
 */
const documents: Record<string, unknown>[] = [
  { _id: 'a', s: 'b', n: 2, k: 'x', tags: ['x', 'y'], flag: true },
  { _id: 'b', s: 'a', n: 10, k: 'y', tags: [], flag: false },
  { _id: 'c', s: null, n: -1.5, k: null, tags: ['z', null] },
  { _id: 'd', n: '2', k: 'x', tags: 'x', obj: { a: 1 } },
  { _id: 'e', s: 'c', n: null, tags: [1, 2], flag: 1 },
  { _id: 'f', s: '', n: 0, k: '', tags: [['x']], obj: null },
  { _id: 'g', s: 3, n: 'abc', k: 7, tags: null, flag: 'true' },
  { _id: 'h', s: 'b', n: 2, k: 'x', tags: ['y'] },
  { _id: 'b0', s: 'b', n: 10, k: 'z' },
];

/** `s` and `k` are never arrays, objects or booleans: they may be declared scalar (`k` also keyed); `n` is keyed only, `tags` keyed; the rest unknown. */
const scalarDocuments = documents.filter((document) => !Array.isArray(document.s) && !Array.isArray(document.k));
const known: FieldKnowledge = { scalar: new Set(['s', 'k']), keyed: new Set(['k', 'n', 'tags']), keysTable: 'keys' };

const operands: unknown[] = ['x', 'a', 'b', '', '2', 2, 0, 10, -1.5, 1, null, true, false];
const filters: Record<string, unknown>[] = [
  {},
  ...['s', 'n', 'k', 'tags', 'flag', 'missing', '_id', 'obj'].flatMap((field) => [
    ...operands.map((operand) => ({ [field]: operand })),
    ...operands.flatMap((operand) => ['$ne', '$gt', '$gte', '$lt', '$lte'].map((operator) => ({ [field]: { [operator]: operand } }))),
    { [field]: { $in: ['x', 2, null] } },
    { [field]: { $in: ['a', 'b'] } },
    { [field]: { $in: [] } },
    { [field]: { $nin: ['x', 2] } },
    { [field]: { $nin: ['x', null] } },
    { [field]: { $exists: true } },
    { [field]: { $exists: false } },
    { [field]: { $gte: 'a', $lt: 'c' } },
    { [field]: { $regex: '^a' } },
    { [field]: ['x', 'y'] },
  ]),
  { $or: [{ s: 'a' }, { n: { $gt: 1 } }] },
  { $and: [{ s: { $gte: 'a' } }, { tags: 'x' }] },
  { $or: [{ s: { $regex: 'b' } }, { k: 'x' }] },
  ...['a', 'b', 'c', 2, 10].flatMap((value) =>
    ['$lt', '$gt'].flatMap((operator) => ['s', 'n'].map((field) => ({ $or: [{ [field]: { [operator]: value } }, { [field]: value, _id: { [operator]: 'h' } }] }))),
  ),
  { 'obj.a': 1 },
  { $nor: [{ s: 'a' }] },
];

const keyValues = (value: unknown) => [...new Set(Array.isArray(value) ? value : [value ?? null])].filter((each) => each === null || typeof each === 'string' || typeof each === 'number');

function tableOf(rows: Record<string, unknown>[]): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE docs (id TEXT NOT NULL UNIQUE, document TEXT NOT NULL); CREATE TABLE keys (field TEXT, value, id TEXT)');
  for (const document of rows) {
    db.prepare('INSERT INTO docs (id, document) VALUES (?, ?)').run(document._id, JSON.stringify(document));
    for (const field of known.keyed) for (const value of keyValues(document[field])) db.prepare('INSERT INTO keys VALUES (?, ?, ?)').run(field, value, document._id);
  }
  return db;
}

describe('MongoDB filters in SQL', () => {
  it.each([
    ['documents whose s and k are scalar', scalarDocuments, known],
    ['the same, with nothing known of any field', documents, { scalar: new Set<string>(), keyed: new Set<string>(), keysTable: 'keys' }],
    ['every document, the keyed fields listed', documents, { ...known, scalar: new Set<string>() }],
  ])('selects exactly what mingo selects when exact, and never less (%s)', (_, rows, knowledge) => {
    const db = tableOf(rows);
    let exact = 0;
    for (const filter of filters) {
      const wanted = new Query(filter as never).find(rows).all().map((document) => (document as { _id: string })._id).sort();
      const translated = translateFilter(filter, knowledge as FieldKnowledge);
      const selected = (db.prepare(`SELECT id FROM docs WHERE ${translated.sql} ORDER BY id`).pluck().all(...translated.params) as string[]).sort();
      const context = `${JSON.stringify(filter)} → ${translated.sql}`;
      if (translated.exact) {
        exact++;
        expect({ context, selected }).toEqual({ context, selected: wanted });
      } else {
        expect({ context, missing: wanted.filter((id) => !selected.includes(id)) }).toEqual({ context, missing: [] });
      }
    }
    // Most are exact: not regular expressions, array equality, dotted paths, $nor, or ranges bounded by null or a boolean.
    expect(exact).toBeGreaterThan(filters.length * 0.8);
    db.close();
  });

  it('orders scalar fields as MongoDB does (null and missing, then numbers, then strings), ties by _id', () => {
    const rows = [
      { _id: '1', s: 'b' },
      { _id: '2', s: 3 },
      { _id: '3' },
      { _id: '4', s: null },
      { _id: '5', s: 'a' },
      { _id: '6', s: -2.5 },
      { _id: '0', s: 'b' },
    ];
    const db = tableOf(rows);
    for (const direction of [1, -1] as const) {
      const order = translateSort({ s: direction, _id: direction }, new Set(['s'])) as string;
      const selected = db.prepare(`SELECT id FROM docs ORDER BY ${order}`).pluck().all();
      const wanted = new Query({}).find(rows).sort({ s: direction, _id: direction }).all().map((document) => (document as { _id: string })._id);
      expect(selected).toEqual(wanted);
    }
    expect(translateSort({ s: 1 }, new Set())).toBeNull();
    db.close();
  });
});
