// Worker thread for the SQLite multi-connection tests: its own connection to the same file, racing the others.
require('./register-ts');
const { workerData, parentPort } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require('../../libs/event-store/src/sqlite/sqlite-event-store.ts');

const { file, streamId, revisions, worker, start } = workerData;
const store = new SqliteEventStore({ file });
const event = (r) => ({
  id: randomUUID(),
  type: 'Raced',
  schemaVersion: 1,
  data: { worker, r },
  metadata: { actorId: `worker-${worker}`, unitId: null, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() },
});

(async () => {
  Atomics.wait(new Int32Array(start), 0, 0);
  const won = [];
  for (let r = 0; r < revisions; r++) {
    try {
      await store.append(streamId, [event(r)], r === 0 ? 'no_stream' : r - 1);
      won.push(r);
    } catch (error) {
      if (error.name !== 'WrongExpectedRevisionError') throw error;
    }
    await store.append(`other-${worker}`, [event(r)], 'any');
  }
  await store.close();
  parentPort.postMessage(won);
})();
