export * from './report-builder';
export * from './report-drafting';
export * from './report-vocabulary';
export * from './reports.module';
