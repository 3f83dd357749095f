// Child process for the crash test: appends one event at a time and reports each acknowledged id to the parent,
// which kills it with SIGKILL mid-stream.
require('./register-ts');
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require('../../libs/event-store/src/sqlite/sqlite-event-store.ts');

const store = new SqliteEventStore({ file: process.argv[2] });
(async () => {
  for (let r = 0; ; r++) {
    const id = randomUUID();
    const metadata = { actorId: 'crash', unitId: null, correlationId: id, causationId: null, occurredAt: new Date().toISOString() };
    await store.append('crash-stream', [{ id, type: 'Written', schemaVersion: 1, data: { r }, metadata }], r === 0 ? 'no_stream' : r - 1);
    process.send(id);
  }
})();
