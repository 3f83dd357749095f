import type { Filter, Sort } from '../read-model-store.port';

/** A condition or an order in SQL, with the values its placeholders take. */
export interface Sql {
  sql: string;
  params: unknown[];
}

/** A filter in SQL: `exact` when it selects what MongoDB selects, otherwise a superset for mingo to narrow. */
export interface TranslatedFilter extends Sql {
  exact: boolean;
}

/** What the collection knows of a field, which decides how a condition on it is written. */
export interface FieldKnowledge {
  /** Fields that every document holds as a string, a number, null or nothing (an index's fields, checked on write). */
  scalar: ReadonlySet<string>;
  /** Fields of a single-field index, whose values (each element of an array) are listed in the keys table. */
  keyed: ReadonlySet<string>;
  /** The keys table, quoted. */
  keysTable: string;
}

const SIMPLE_SEGMENT = /^[A-Za-z_$][\w$]*$/;

/** Whether a field's path can be written as a JSON path here: names of letters, digits, _ and $, joined by dots. */
export const isSimplePath = (field: string): boolean => field.split('.').every((segment) => SIMPLE_SEGMENT.test(segment));

export const jsonPath = (field: string): string => `$.${field}`;

/** The one spelling of a field's value in SQL, which the expression indexes share with every query. */
export const valueOf = (field: string): string => (field === '_id' ? 'id' : `json_extract(document, '${jsonPath(field)}')`);

const typeOf = (field: string): string => `json_type(document, '${jsonPath(field)}')`;

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('$'));

type Scalar = string | number | null;
/** A value SQLite orders as MongoDB does: a string, a finite number or null. */
export const isScalar = (value: unknown): value is Scalar => value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

const RANGES: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

const TEXT = `'text'`;
const isNumberType = (type: string) => `(${type} IS 'integer' OR ${type} IS 'real')`;
const isTextType = (type: string) => `${type} IS ${TEXT}`;

const FALSE: Sql = { sql: '0', params: [] };
const TRUE: Sql = { sql: '1', params: [] };
const not = (condition: Sql): Sql => ({ sql: `NOT (${condition.sql})`, params: condition.params });
const joined = (conditions: Sql[], operator: 'AND' | 'OR'): Sql =>
  conditions.length === 0 ? (operator === 'AND' ? TRUE : FALSE) : { sql: `(${conditions.map((c) => c.sql).join(` ${operator} `)})`, params: conditions.flatMap((c) => c.params) };

/**
 * A field that may hold anything: the value itself or, in an array, any element of it, as MongoDB matches. Every
 * comparison checks the JSON type first, so none yields NULL and `NOT` stays exact.
 */
function anyValue(field: string, test: (value: string, type: string) => Sql): Sql {
  const own = test(valueOf(field), typeOf(field));
  const element = test('value', 'type');
  return {
    sql: `(${own.sql} OR (${typeOf(field)} IS 'array' AND EXISTS (SELECT 1 FROM json_each(document, '${jsonPath(field)}') WHERE ${element.sql})))`,
    params: [...own.params, ...element.params],
  };
}

function equalsAny(field: string, operand: unknown): Sql | null {
  if (typeof operand === 'boolean') return anyValue(field, (_, type) => ({ sql: `${type} IS '${operand}'`, params: [] }));
  if (operand === null) return anyValue(field, (_, type) => ({ sql: `(${type} IS NULL OR ${type} IS 'null')`, params: [] }));
  if (typeof operand === 'string') return anyValue(field, (value, type) => ({ sql: `(${isTextType(type)} AND ${value} = ?)`, params: [operand] }));
  if (typeof operand === 'number' && Number.isFinite(operand)) return anyValue(field, (value, type) => ({ sql: `(${isNumberType(type)} AND ${value} = ?)`, params: [operand] }));
  return null;
}

/** A condition on a field of unknown shape, top-level only (MongoDB walks arrays on the way down a dotted path). */
function generalCondition(field: string, operator: string, operand: unknown): Sql | null {
  if (field.includes('.')) return null;
  if (operator === '$exists') return { sql: `${typeOf(field)} IS ${operand ? 'NOT NULL' : 'NULL'}`, params: [] };
  if (operator === '$eq') return equalsAny(field, operand);
  if (operator === '$ne') return wrap(equalsAny(field, operand), not);
  if (operator === '$in' || operator === '$nin') {
    if (!Array.isArray(operand)) return null;
    const each = operand.map((value) => equalsAny(field, value));
    if (each.some((condition) => condition === null)) return null;
    const any = joined(each as Sql[], 'OR');
    return operator === '$in' ? any : not(any);
  }
  const comparison = RANGES[operator];
  if (!comparison || (typeof operand !== 'string' && (typeof operand !== 'number' || !Number.isFinite(operand)))) return null;
  // MongoDB compares within a type: a string bound matches strings only, a number bound numbers only.
  const ofType = typeof operand === 'string' ? isTextType : isNumberType;
  return anyValue(field, (value, type) => ({ sql: `(${ofType(type)} AND ${value} ${comparison} ?)`, params: [operand] }));
}

const wrap = (condition: Sql | null, change: (condition: Sql) => Sql): Sql | null => (condition ? change(condition) : null);

/**
 * A condition on a field known to hold only strings, numbers, null or nothing, written so that SQLite can answer
 * it from an expression index. SQLite orders NULL before numbers before text, as MongoDB orders them, so a bound
 * of one type is kept within its type by a bound on the other side: any text is at least '', any number below it.
 */
function scalarCondition(field: string, operator: string, operand: unknown): Sql | null {
  const value = valueOf(field);
  if (operator === '$eq') {
    if (operand === null) return { sql: `${value} IS NULL`, params: [] };
    if (typeof operand === 'boolean') return FALSE;
    return isScalar(operand) ? { sql: `${value} = ?`, params: [operand] } : null;
  }
  if (operator === '$ne') {
    if (operand === null) return { sql: `${value} IS NOT NULL`, params: [] };
    if (typeof operand === 'boolean') return TRUE;
    return isScalar(operand) ? { sql: `${value} IS NOT ?`, params: [operand] } : null;
  }
  if (operator === '$in' || operator === '$nin') {
    if (!Array.isArray(operand) || !operand.every((each) => isScalar(each) || typeof each === 'boolean')) return null;
    const values = operand.filter((each): each is string | number => each !== null && typeof each !== 'boolean');
    const listed = values.length > 0 ? { sql: `${value} IN (${values.map(() => '?').join(', ')})`, params: values } : FALSE;
    const any = operand.includes(null) ? joined([listed, { sql: `${value} IS NULL`, params: [] }], 'OR') : listed;
    // Without a null in the list, a missing value is not in it: `NOT IN` alone would leave it out (NULL).
    return operator === '$in' ? any : operand.includes(null) ? not(any) : { sql: `(${value} IS NULL OR NOT ${any.sql})`, params: any.params };
  }
  // A JSON null is there, though its value reads as NULL: only its type tells it from a missing field.
  if (operator === '$exists') return { sql: `${typeOf(field)} IS ${operand ? 'NOT NULL' : 'NULL'}`, params: [] };
  const comparison = RANGES[operator];
  if (!comparison) return null;
  if (typeof operand === 'string') {
    const withinText = comparison.startsWith('<') ? ` AND ${value} >= ''` : '';
    return { sql: `(${value} ${comparison} ?${withinText})`, params: [operand] };
  }
  if (typeof operand === 'number' && Number.isFinite(operand)) {
    const withinNumbers = comparison.startsWith('>') ? ` AND ${value} < ''` : '';
    return { sql: `(${value} ${comparison} ?${withinNumbers})`, params: [operand] };
  }
  return null;
}

/** `_id` is the id column, always a string. */
function idCondition(operator: string, operand: unknown): Sql | null {
  if (operator === '$eq') return typeof operand === 'string' ? { sql: 'id = ?', params: [operand] } : FALSE;
  if (operator === '$ne') return typeof operand === 'string' ? { sql: 'id <> ?', params: [operand] } : TRUE;
  if (operator === '$in' || operator === '$nin') {
    if (!Array.isArray(operand)) return null;
    const ids = [...new Set(operand.filter((each): each is string => typeof each === 'string'))];
    const listed = ids.length > 0 ? { sql: `id IN (${ids.map(() => '?').join(', ')})`, params: ids } : FALSE;
    return operator === '$in' ? listed : not(listed);
  }
  if (operator === '$exists') return operand ? TRUE : FALSE;
  const comparison = RANGES[operator];
  if (!comparison) return null;
  if (typeof operand === 'string') return { sql: `id ${comparison} ?`, params: [operand] };
  return typeof operand === 'number' ? FALSE : null;
}

/** An equality (or $in) on a field of a single-field index, by its listed values: each element of an array, as a multikey index. */
function keyedCondition(field: string, operator: string, operand: unknown, keysTable: string): Sql | null {
  const values = operator === '$eq' ? [operand] : operator === '$in' && Array.isArray(operand) ? operand : null;
  if (!values || !values.every(isScalar)) return null;
  const listed = values.filter((each): each is string | number => each !== null);
  const conditions: string[] = [];
  if (listed.length > 0) conditions.push(`value IN (${listed.map(() => '?').join(', ')})`);
  if (values.includes(null)) conditions.push('value IS NULL');
  if (conditions.length === 0) return FALSE;
  return { sql: `id IN (SELECT id FROM ${keysTable} WHERE field = ? AND (${conditions.join(' OR ')}))`, params: [field, ...listed] };
}

function fieldCondition(field: string, operator: string, operand: unknown, known: FieldKnowledge): Sql | null {
  if (field === '_id') return idCondition(operator, operand);
  if (known.scalar.has(field)) {
    const condition = scalarCondition(field, operator, operand);
    if (condition) return condition;
  }
  if (known.keyed.has(field)) {
    const condition = keyedCondition(field, operator, operand, known.keysTable);
    if (condition) return condition;
  }
  return generalCondition(field, operator, operand);
}

/**
 * A page's cursor, `$or: [{ f: { $lt: v } }, { f: v, _id: { $lt: id } }]` (or `$gt`) on a scalar field, as a row
 * value `(f, id) < (v, id)`: SQLite reads that as one range of the index on (f, id), where it sorted everything
 * past the cursor for each page of the OR (1.8 s a page 50,000 cases into a list, against 5 ms).
 */
function keysetCondition(parts: unknown, scalar: ReadonlySet<string>): Sql | null {
  if (!Array.isArray(parts) || parts.length !== 2) return null;
  const [beyond, tie] = parts as Record<string, unknown>[];
  const [field, bound] = Object.entries(beyond)[0] ?? [];
  if (Object.keys(beyond).length !== 1 || !scalar.has(field) || !isOperatorObject(bound) || Object.keys(bound).length !== 1) return null;
  const [operator, value] = Object.entries(bound)[0];
  if ((operator !== '$lt' && operator !== '$gt') || (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value)))) return null;
  const id = tie._id as Record<string, unknown> | undefined;
  if (Object.keys(tie).length !== 2 || tie[field] !== value || !isOperatorObject(id) || Object.keys(id).length !== 1 || typeof id[operator] !== 'string') return null;
  // Within the bound's type, as MongoDB compares: text is at least '', numbers below it.
  const withinType = typeof value === 'string' ? (operator === '$lt' ? ` AND ${valueOf(field)} >= ''` : '') : operator === '$gt' ? ` AND ${valueOf(field)} < ''` : '';
  return { sql: `((${valueOf(field)}, id) ${RANGES[operator]} (?, ?)${withinType})`, params: [value, id[operator]] };
}

/**
 * A MongoDB filter in SQL over the `id` and `document` columns. What cannot be written (regular expressions,
 * `$elemMatch`, dotted paths without an index...) is left out, which makes the result a superset: `exact` says
 * whether the rows are the answer or candidates for mingo to check.
 */
export function translateFilter(filter: Filter, known: FieldKnowledge): TranslatedFilter {
  const conditions: Sql[] = [];
  let exact = true;
  for (const [key, condition] of Object.entries(filter)) {
    const keyset = key === '$or' ? keysetCondition(condition, known.scalar) : null;
    if (keyset) {
      conditions.push(keyset);
      continue;
    }
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) {
        exact = false;
        continue;
      }
      const parts = condition.map((part) => translateFilter(part as Filter, known));
      exact &&= parts.every((part) => part.exact);
      conditions.push(joined(parts, key === '$and' ? 'AND' : 'OR'));
      continue;
    }
    if (key.startsWith('$') || !isSimplePath(key)) {
      exact = false;
      continue;
    }
    const operators = isOperatorObject(condition) ? Object.entries(condition) : [['$eq', condition] as const];
    for (const [operator, operand] of operators) {
      const translated = fieldCondition(key, operator, operand, known);
      if (translated) conditions.push(translated);
      else exact = false;
    }
  }
  return { ...joined(conditions, 'AND'), exact };
}

/** The sort in SQL, with `id` last as the tie-break, or null when a field's values are not known to order as MongoDB orders them. */
export function translateSort(sort: Sort, scalar: ReadonlySet<string>): string | null {
  const fields = Object.entries(sort);
  if (!fields.every(([field]) => field === '_id' || scalar.has(field))) return null;
  const terms = fields.map(([field, direction]) => `${valueOf(field)} ${direction === -1 ? 'DESC' : 'ASC'}`);
  if (!fields.some(([field]) => field === '_id')) terms.push('id ASC');
  return terms.join(', ');
}
