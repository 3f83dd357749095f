import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 for the running Node: 12.x before Node 24, 13.x (as `better-sqlite3-13`) from Node 24 on. 12.x wraps
 * its objects in node::ObjectWrap, whose destructor aborts the process on Node 24.19 and later when a statement is
 * garbage-collected (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook); 13.x uses Node-API but
 * needs Node 22 and fails on this project's Node 20 machines. Both have the same API.
 */
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** Where the package for this Node is, for a worker thread to load the same one. */
export const SQLITE_MODULE_PATH = require.resolve(NODE_MAJOR >= 24 ? 'better-sqlite3-13' : 'better-sqlite3');

// A require, not an import: which package loads depends on the running Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database: typeof BetterSqlite3 = require(SQLITE_MODULE_PATH);

// eslint-disable-next-line @typescript-eslint/no-namespace -- the types beside the value, as better-sqlite3 gives them
declare namespace Database {
  export type Database = BetterSqlite3.Database;
  export type Statement<P extends unknown[] | object = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;
  export type Transaction<F extends (...params: never[]) => unknown> = BetterSqlite3.Transaction<F>;
}

export default Database;
