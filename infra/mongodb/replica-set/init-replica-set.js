/* global rs -- mongosh provides it */
// Run once, on mongo1, after all three members started: mongosh --tls --host mongo1.integrity.internal init-replica-set.js
// Then create the application's user (see infra/mongodb/README.md).
rs.initiate({
  _id: 'rs0',
  members: [
    { _id: 0, host: 'mongo1.integrity.internal:27017', priority: 2 },
    { _id: 1, host: 'mongo2.integrity.internal:27017', priority: 1 },
    { _id: 2, host: 'mongo3.integrity.internal:27017', priority: 1 },
  ],
});
