export * from './audit-checkpoint';
export * from './audit-checkpoint-recorder';
export * from './chain-verifier';
export * from './audit.module';
export * from './activity.http.controller';
export { streamProblem, type Broken, type BrokenReason } from '@integrity/event-store';
export * from './exported-log';
