export * from './read-model-store.port';
export * from './embedded/embedded-read-model-store';
export * from './mongodb/mongodb-read-model-store';
export * from './projections';
export * from './active-read-models';
