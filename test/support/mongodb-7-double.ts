import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { BSON, EJSON, Long, ObjectId, type Document } from 'bson';
import { Aggregator, ProcessingMode, Query, update as applyModifier } from 'mingo';

/**
 * A BEHAVIOURAL DOUBLE of a MongoDB 7.0 replica-set primary, spoken to over the wire by the real `mongodb` driver,
 * for the suites where no server can run. It is not the server: it answers the commands the adapters and the
 * driver send (hello, find/getMore/killCursors, aggregate, insert, update, delete, findAndModify, createIndexes,
 * drop, buildInfo, endSessions), with query, update and aggregation semantics from mingo (MongoDB's language as
 * mingo reads it, not the server's engine). The same suites run on a real server when MONGODB_URI is set. Modelled:
 * - the handshake (OP_QUERY `isMaster`, OP_REPLY), then OP_MSG with document sequences; a single-member replica
 *   set `rs0` whose primary is this address, with sessions, so the driver sends `lsid`, and `txnNumber` on
 *   retryable writes, which are answered once and repeated from memory when retried;
 * - cursors: a first batch of 101 documents unless asked otherwise, the rest by getMore;
 * - unique indexes (and `_id`'s): E11000 as a write error with its index, keyPattern and keyValue, ordered writes
 *   stopping at the first, unordered going on; a unique index refused over existing duplicates;
 * - upserts seeded from the filter's equality fields, `$setOnInsert`, replacements keeping `_id`, pipeline updates
 *   with `$$NOW` (this machine's clock);
 * - `drop` of a missing collection answers ok (7.0); an unknown command answers CommandNotFound;
 * - faults on request: the next command of a name failing with a given error; every reply held back a while (a
 *   primary that hangs). Write concerns as sent are kept in `writeConcerns`, commands counted in `calls`.
 * Not modelled: authentication, TLS, transactions, change streams, collation, text and geo queries, elections.
 */
export class MongoDb7Double {
  readonly calls: Record<string, number> = {};
  readonly writeConcerns: Document[] = [];
  private replyDelayMs = 0;
  /** Replies held back now, each released by calling it. */
  private readonly held = new Set<() => void>();
  private readonly failures = new Map<string, Document[]>();
  private readonly databases = new Map<string, Map<string, CollectionState>>();
  private readonly cursors = new Map<bigint, { ns: string; documents: Document[] }>();
  private readonly retryable = new Map<string, Document>();
  private readonly sockets = new Set<Socket>();
  private nextCursorId = 7_000_000_001n;
  private server: Server | null = null;
  private address = '';

  /** Listens on a free port of this machine; answers the connection string for a database of that name. */
  async start(database = 'integrity_platform'): Promise<string> {
    const server = createServer((socket) => this.serve(socket));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.uri(database);
  }

  uri(database: string): string {
    return `mongodb://${this.address}/${database}?replicaSet=rs0`;
  }

  async stop(): Promise<void> {
    this.holdReplies(0);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `command` fails with this error document ({ code, codeName, errmsg }). */
  failNext(command: string, error: Document): void {
    this.failures.set(command, [...(this.failures.get(command) ?? []), error]);
  }

  /** The collections a database holds now. */
  collectionNames(database: string): string[] {
    return [...(this.databases.get(database)?.keys() ?? [])];
  }

  /** Every reply is held back this long: a primary that stalls (0 to answer at once again, the held ones too). */
  holdReplies(ms: number): void {
    this.replyDelayMs = ms;
    if (ms === 0) for (const release of [...this.held]) release();
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const message = pending.subarray(0, pending.readInt32LE(0));
        pending = pending.subarray(message.length);
        void this.answer(socket, message);
      }
    });
  }

  private async answer(socket: Socket, message: Buffer): Promise<void> {
    const requestId = message.readInt32LE(4);
    const opCode = message.readInt32LE(12);
    let reply: Buffer;
    if (opCode === OP_QUERY) {
      const { command } = parseQuery(message);
      reply = opReply(requestId, this.run('admin', command));
    } else if (opCode === OP_MSG) {
      const { body, flags } = parseMsg(message);
      const response = this.run(String(body.$db ?? 'admin'), body);
      if (flags & MORE_TO_COME) return;
      reply = opMsg(requestId, response);
    } else {
      socket.destroy();
      return;
    }
    if (this.replyDelayMs > 0) {
      const delay = this.replyDelayMs;
      await new Promise<void>((resolve) => {
        const release = () => {
          clearTimeout(timer);
          this.held.delete(release);
          resolve();
        };
        const timer = setTimeout(release, delay);
        this.held.add(release);
      });
    }
    if (!socket.destroyed) socket.write(reply);
  }

  private run(database: string, command: Document): Document {
    const name = Object.keys(command)[0];
    this.calls[name] = (this.calls[name] ?? 0) + 1;
    if (command.writeConcern) this.writeConcerns.push({ command: name, ...command.writeConcern });
    const failure = this.failures.get(name)?.shift();
    if (failure) return { ok: 0, ...failure };
    const retryKey = command.txnNumber !== undefined && command.lsid ? `${(command.lsid.id as { toString(encoding: string): string }).toString('hex')}#${String(command.txnNumber)}` : null;
    if (retryKey && this.retryable.has(retryKey)) return this.retryable.get(retryKey) as Document;
    let response: Document;
    try {
      response = this.dispatch(database, name, command);
    } catch (error) {
      response = error instanceof CommandError ? { ok: 0, errmsg: error.message, code: error.code, codeName: error.codeName, ...error.extra } : { ok: 0, errmsg: String(error), code: 1, codeName: 'InternalError' };
    }
    if (retryKey) this.retryable.set(retryKey, response);
    return response;
  }

  private dispatch(database: string, name: string, command: Document): Document {
    switch (name) {
      case 'hello':
      case 'isMaster':
      case 'ismaster':
        return this.hello();
      case 'ping':
      case 'endSessions':
        return { ok: 1 };
      case 'buildInfo':
      case 'buildinfo':
        return { version: '7.0.14', versionArray: [7, 0, 14, 0], maxBsonObjectSize: MAX_BSON, ok: 1 };
      case 'find':
        return this.find(database, command);
      case 'aggregate':
        return this.aggregate(database, command);
      case 'getMore':
        return this.getMore(command);
      case 'killCursors':
        for (const id of command.cursors as Long[]) this.cursors.delete(BigInt(id.toString()));
        return { cursorsKilled: command.cursors, cursorsNotFound: [], cursorsAlive: [], cursorsUnknown: [], ok: 1 };
      case 'insert':
        return this.insert(database, command);
      case 'update':
        return this.update(database, command);
      case 'delete':
        return this.delete(database, command);
      case 'findAndModify':
      case 'findandmodify':
        return this.findAndModify(database, command);
      case 'createIndexes':
        return this.createIndexes(database, command);
      case 'listIndexes':
        return this.cursorResponse(`${database}.${command.listIndexes}`, this.collection(database, String(command.listIndexes)).indexes.map(({ key, name: indexName, unique }) => ({ v: 2, key, name: indexName, ...(unique && indexName !== '_id_' ? { unique } : {}) })), command.cursor?.batchSize);
      case 'drop':
        this.db(database).delete(String(command.drop));
        return { ok: 1 };
      case 'dropDatabase':
        this.databases.delete(database);
        return { ok: 1 };
      default:
        throw new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
    }
  }

  private hello(): Document {
    return {
      isWritablePrimary: true,
      ismaster: true,
      helloOk: true,
      secondary: false,
      setName: 'rs0',
      setVersion: 1,
      hosts: [this.address],
      primary: this.address,
      me: this.address,
      electionId: new ObjectId('7fffffff0000000000000001'),
      maxBsonObjectSize: MAX_BSON,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId: 1,
      minWireVersion: 0,
      maxWireVersion: 21,
      readOnly: false,
      ok: 1,
    };
  }

  private db(name: string): Map<string, CollectionState> {
    let db = this.databases.get(name);
    if (!db) this.databases.set(name, (db = new Map()));
    return db;
  }

  private collection(database: string, name: string): CollectionState {
    const db = this.db(database);
    let collection = db.get(name);
    if (!collection) db.set(name, (collection = new CollectionState(`${database}.${name}`)));
    return collection;
  }

  private find(database: string, command: Document): Document {
    const collection = this.collection(database, String(command.find));
    let cursor = new Query(command.filter ?? {}).find(collection.candidates(command.filter ?? {}), command.projection);
    if (command.sort) cursor = cursor.sort(command.sort);
    if (command.skip) cursor = cursor.skip(command.skip);
    const limit = Math.abs(Number(command.limit ?? 0));
    if (limit) cursor = cursor.limit(limit);
    // Stored documents are never changed in place (a write stores a copy), so they are answered as they are.
    const documents = cursor.all() as Document[];
    return this.cursorResponse(collection.ns, documents, command.batchSize, command.singleBatch || Number(command.limit) < 0);
  }

  private aggregate(database: string, command: Document): Document {
    const collection = this.collection(database, String(command.aggregate));
    // A leading $match picks the documents first; mingo copies those for the stages that may change them.
    const [first, ...rest] = command.pipeline as Document[];
    const matched = first?.$match ? (new Query(first.$match).find(collection.candidates(first.$match)).all() as Document[]) : collection.documents;
    const documents = new Aggregator(first?.$match ? rest : command.pipeline, { processingMode: ProcessingMode.CLONE_INPUT }).run(matched) as Document[];
    return this.cursorResponse(collection.ns, documents, command.cursor?.batchSize);
  }

  private cursorResponse(ns: string, documents: Document[], batchSize?: number, single = false): Document {
    const size = batchSize ?? FIRST_BATCH;
    const firstBatch = documents.slice(0, size);
    let id = 0n;
    if (!single && documents.length > size) {
      id = this.nextCursorId++;
      this.cursors.set(id, { ns, documents: documents.slice(size) });
    }
    return { cursor: { firstBatch, id: Long.fromBigInt(id), ns }, ok: 1 };
  }

  private getMore(command: Document): Document {
    const id = BigInt(command.getMore.toString());
    const cursor = this.cursors.get(id);
    if (!cursor) throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    const size = command.batchSize ?? cursor.documents.length;
    const nextBatch = cursor.documents.splice(0, size);
    if (cursor.documents.length === 0) this.cursors.delete(id);
    return { cursor: { nextBatch, id: Long.fromBigInt(cursor.documents.length === 0 ? 0n : id), ns: cursor.ns }, ok: 1 };
  }

  private insert(database: string, command: Document): Document {
    const collection = this.collection(database, String(command.insert));
    return this.writeEach(command.documents as Document[], command.ordered !== false, (document) => {
      collection.insert({ _id: document._id ?? new ObjectId(), ...document });
      return { n: 1 };
    });
  }

  private update(database: string, command: Document): Document {
    const collection = this.collection(database, String(command.update));
    const upserted: Document[] = [];
    let nModified = 0;
    const response = this.writeEach(command.updates as Document[], command.ordered !== false, (statement, index) => {
      const outcome = this.updateWith(collection, statement.q ?? {}, statement.u, { upsert: statement.upsert === true, multi: statement.multi === true, arrayFilters: statement.arrayFilters });
      nModified += outcome.modified;
      if (outcome.upsertedId !== undefined) upserted.push({ index, _id: outcome.upsertedId });
      return { n: outcome.matched + (outcome.upsertedId !== undefined ? 1 : 0) };
    });
    return { ...response, nModified, ...(upserted.length ? { upserted } : {}) };
  }

  private delete(database: string, command: Document): Document {
    const collection = this.collection(database, String(command.delete));
    return this.writeEach(command.deletes as Document[], command.ordered !== false, (statement) => {
      const found = new Query(statement.q ?? {}).find(collection.candidates(statement.q ?? {})).all() as Document[];
      const doomed = statement.limit === 1 ? found.slice(0, 1) : found;
      for (const document of doomed) collection.remove(document);
      return { n: doomed.length };
    });
  }

  private findAndModify(database: string, command: Document): Document {
    const collection = this.collection(database, String(command.findAndModify ?? command.findandmodify));
    let cursor = new Query(command.query ?? {}).find(collection.candidates(command.query ?? {}));
    if (command.sort) cursor = cursor.sort(command.sort);
    const [before] = cursor.limit(1).all() as Document[];
    if (command.remove) {
      if (before) collection.remove(before);
      return { lastErrorObject: { n: before ? 1 : 0 }, value: before ? copy(before) : null, ok: 1 };
    }
    const before_ = before ? copy(before) : null;
    const outcome = this.updateWith(collection, command.query ?? {}, command.update, { upsert: command.upsert === true, multi: false, arrayFilters: command.arrayFilters, only: before });
    const after = outcome.document ? copy(outcome.document) : null;
    const value = command.new ? after : before_;
    const lastErrorObject = { n: outcome.matched + (outcome.upsertedId !== undefined ? 1 : 0), updatedExisting: outcome.matched > 0, ...(outcome.upsertedId !== undefined ? { upserted: outcome.upsertedId } : {}) };
    return { lastErrorObject, value: value && command.fields ? (new Query({}).find([value], command.fields).all()[0] as Document) : value, ok: 1 };
  }

  private createIndexes(database: string, command: Document): Document {
    const collection = this.collection(database, String(command.createIndexes));
    const before = collection.indexes.length;
    for (const spec of command.indexes as Document[]) collection.addIndex({ key: spec.key, name: spec.name, unique: spec.unique === true });
    return { numIndexesBefore: before, numIndexesAfter: collection.indexes.length, createdCollectionAutomatically: false, ok: 1 };
  }

  /** One write statement after another; a duplicate key becomes a write error, and an ordered write stops there. */
  private writeEach(statements: Document[], ordered: boolean, write: (statement: Document, index: number) => { n: number }): Document {
    let n = 0;
    const writeErrors: Document[] = [];
    for (const [index, statement] of statements.entries()) {
      try {
        n += write(statement, index).n;
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        writeErrors.push({ index, code: error.code, errmsg: error.message, ...error.extra });
        if (ordered) break;
      }
    }
    return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
  }

  private updateWith(
    collection: CollectionState,
    filter: Document,
    modifier: Document | Document[],
    options: { upsert: boolean; multi: boolean; arrayFilters?: Document[]; only?: Document },
  ): { matched: number; modified: number; upsertedId?: unknown; document: Document | null } {
    const matches = options.only !== undefined ? (options.only ? [options.only] : []) : (new Query(filter).find(collection.candidates(filter)).all() as Document[]);
    const targets = options.multi ? matches : matches.slice(0, 1);
    let modified = 0;
    let last: Document | null = null;
    for (const current of targets) {
      const next = this.apply(current, modifier, options.arrayFilters, false);
      if (!sameValue(next._id, current._id)) throw new CommandError(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
      if (!isDeepStrictEqual(next, current)) {
        collection.replace(current, next);
        modified++;
      }
      last = next;
    }
    if (targets.length > 0 || !options.upsert) return { matched: targets.length, modified, document: last };
    const seeded = this.apply(equalityFields(filter), modifier, options.arrayFilters, true);
    const inserted = { _id: seeded._id ?? new ObjectId(), ...seeded };
    collection.insert(inserted);
    return { matched: 0, modified: 0, upsertedId: inserted._id, document: inserted };
  }

  /** The document as the modifier leaves it, a new one: the stored one is not changed (the modifier came off the wire, and is nobody else's). */
  private apply(stored: Document, modifier: Document | Document[], arrayFilters: Document[] | undefined, inserting: boolean): Document {
    if (Array.isArray(modifier)) {
      const [result] = new Aggregator(modifier, { processingMode: ProcessingMode.CLONE_INPUT }).run([stored]) as Document[];
      return result;
    }
    if (!Object.keys(modifier).some((key) => key.startsWith('$'))) return { _id: stored._id, ...modifier };
    const document = copy(stored);
    const { $setOnInsert, ...operators } = modifier;
    if (inserting && $setOnInsert) operators.$set = { ...(operators.$set ?? {}), ...$setOnInsert };
    if (Object.keys(operators).length > 0) applyModifier(document, operators as never, arrayFilters as never, undefined, { cloneMode: 'deep' });
    return document;
  }
}

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const MORE_TO_COME = 1 << 1;
const MAX_BSON = 16 * 1024 * 1024;
const FIRST_BATCH = 101;
let responseIds = 1;

class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message);
  }
}

interface IndexSpec {
  key: Document;
  name: string;
  unique: boolean;
}

/** A collection: documents in insertion order, found by `_id` at once, and its indexes (unique ones enforced). */
class CollectionState {
  readonly documents: Document[] = [];
  readonly indexes: IndexSpec[] = [{ key: { _id: 1 }, name: '_id_', unique: true }];
  private readonly byId = new Map<string, Document>();

  constructor(readonly ns: string) {}

  /** The documents a filter can match: by `_id` (or `_id: { $in }`) without a scan. */
  candidates(filter: Document): Document[] {
    const id = filter._id;
    if (id !== undefined && (typeof id !== 'object' || id === null || id instanceof ObjectId)) return this.byId.has(keyOf(id)) ? [this.byId.get(keyOf(id)) as Document] : [];
    if (id && typeof id === 'object' && Array.isArray(id.$in) && Object.keys(id).length === 1) return [...new Set((id.$in as unknown[]).map(keyOf))].flatMap((key) => this.byId.get(key) ?? []);
    return this.documents;
  }

  /** Keeps the document it is given, which no one else holds (it came off the wire, or was made for this write). */
  insert(document: Document): void {
    this.checkUnique(document, null);
    this.documents.push(document);
    this.byId.set(keyOf(document._id), document);
  }

  replace(current: Document, next: Document): void {
    this.checkUnique(next, current);
    this.documents[this.documents.indexOf(current)] = next;
    this.byId.set(keyOf(next._id), next);
  }

  remove(document: Document): void {
    this.documents.splice(this.documents.indexOf(document), 1);
    this.byId.delete(keyOf(document._id));
  }

  addIndex(spec: IndexSpec): void {
    const name = spec.name || Object.entries(spec.key).map(([field, direction]) => `${field}_${String(direction)}`).join('_');
    if (this.indexes.some((index) => index.name === name)) return;
    const index = { ...spec, name };
    if (index.unique) {
      const seen = new Set<string>();
      for (const document of this.documents) {
        const key = indexKey(index, document);
        if (seen.has(key)) throw duplicate(this.ns, index, document);
        seen.add(key);
      }
    }
    this.indexes.push(index);
  }

  private checkUnique(document: Document, replacing: Document | null): void {
    for (const index of this.indexes.filter((candidate) => candidate.unique)) {
      const key = indexKey(index, document);
      const clash = index.name === '_id_' ? this.byId.get(keyOf(document._id)) : this.documents.find((other) => indexKey(index, other) === key);
      if (clash && clash !== replacing) throw duplicate(this.ns, index, document);
    }
  }
}

const valueAt = (document: Document, path: string): unknown => path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Document)[part] : undefined), document);
/** A missing field indexes as null, as in MongoDB (no sparse or partial indexes here). */
const indexKey = (index: IndexSpec, document: Document) => EJSON.stringify(Object.keys(index.key).map((field) => valueAt(document, field) ?? null), { relaxed: false });
const keyOf = (value: unknown) => EJSON.stringify({ v: value }, { relaxed: false });
const sameValue = (a: unknown, b: unknown) => keyOf(a) === keyOf(b);

function duplicate(ns: string, index: IndexSpec, document: Document): CommandError {
  const keyValue = Object.fromEntries(Object.keys(index.key).map((field) => [field, valueAt(document, field) ?? null]));
  return new CommandError(11000, 'DuplicateKey', `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: ${EJSON.stringify(keyValue)}`, { keyPattern: index.key, keyValue });
}

/** What an upsert starts from: the filter's equality conditions (top level, `$eq` and `$and`), as MongoDB seeds it. */
function equalityFields(filter: Document): Document {
  const seeded: Document = {};
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and') Object.assign(seeded, ...(condition as Document[]).map(equalityFields));
    if (field.startsWith('$')) continue;
    const isOperators = condition && typeof condition === 'object' && !(condition instanceof Date) && !(condition instanceof ObjectId) && Object.keys(condition).some((key) => key.startsWith('$'));
    const value = isOperators ? (condition as Document).$eq : condition;
    if (value !== undefined) setAt(seeded, field, value);
  }
  return seeded;
}

function setAt(document: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = document;
  for (const part of parts.slice(0, -1)) at = at[part] ??= {};
  at[parts[parts.length - 1]] = value;
}

/** A copy by BSON, keeping every BSON type (dates, longs, object ids) as the server would store it. */
const copy = (document: Document): Document => BSON.deserialize(BSON.serialize(document));

function parseQuery(message: Buffer): { command: Document } {
  const end = message.indexOf(0, 20);
  const at = end + 1 + 8;
  const size = message.readInt32LE(at);
  const query = BSON.deserialize(message.subarray(at, at + size));
  return { command: query.$query ?? query };
}

function parseMsg(message: Buffer): { body: Document; flags: number } {
  const flags = message.readUInt32LE(16);
  const end = message.length - (flags & 1 ? 4 : 0);
  let at = 20;
  let body: Document = {};
  const sequences: Record<string, Document[]> = {};
  while (at < end) {
    const kind = message[at++];
    const size = message.readInt32LE(at);
    if (kind === 0) {
      body = BSON.deserialize(message.subarray(at, at + size));
      at += size;
    } else {
      const sectionEnd = at + size;
      const nameEnd = message.indexOf(0, at + 4);
      const identifier = message.toString('utf8', at + 4, nameEnd);
      let next = nameEnd + 1;
      const documents: Document[] = [];
      while (next < sectionEnd) {
        const length = message.readInt32LE(next);
        documents.push(BSON.deserialize(message.subarray(next, next + length)));
        next += length;
      }
      sequences[identifier] = documents;
      at = sectionEnd;
    }
  }
  return { body: { ...body, ...sequences }, flags };
}

function header(length: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(responseIds++, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

function opMsg(responseTo: number, response: Document): Buffer {
  const body = BSON.serialize(response);
  const flagsAndKind = Buffer.alloc(5);
  return Buffer.concat([header(16 + 5 + body.length, responseTo, OP_MSG), flagsAndKind, body]);
}

function opReply(responseTo: number, response: Document): Buffer {
  const body = BSON.serialize(response);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(16 + 20 + body.length, responseTo, OP_REPLY), fields, body]);
}
