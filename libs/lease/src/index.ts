export * from './lease.port';
export * from './fence';
export * from './redis/redis-lease';
export * from './mongodb/mongodb-lease';
export * from './leadership';
