export * from './matter-terms';
export * from './min-hash';
