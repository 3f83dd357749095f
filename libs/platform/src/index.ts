export * from './settings';
export * from './platform.module';
