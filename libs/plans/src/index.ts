export * from './plans.module';
export * from './queries/visit-schedule';
export * from './commands/plan-commands.handler';
