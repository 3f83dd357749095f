export * from './event-envelope';
export * from './event-store.port';
export * from './event-id-reused.error';
export * from './deterministic-event-id';
export * from './sqlite/sqlite-event-store';
export * from './eventstoredb/eventstoredb-event-store';
