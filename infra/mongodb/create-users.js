/* global db */
// Run once by the mongo image when it makes its database (docker-entrypoint-initdb.d). The application's two
// accounts: one for the read models, one for the personal-data keys, each able to read and write its own database
// only, so the read models' credentials, dumps and restores never reach a key.
const admin = db.getSiblingDB('admin');
admin.createUser({ user: 'integrity_app', pwd: process.env.MONGO_APP_PASSWORD, roles: [{ role: 'readWrite', db: 'integrity_platform' }] });
admin.createUser({ user: 'integrity_keys', pwd: process.env.MONGO_KEYS_PASSWORD, roles: [{ role: 'readWrite', db: 'integrity_personal_data_keys' }] });
