export * from './report-builder';
export * from './report-drafting';
export * from './report-vocabulary';
export * from './reports.module';
export * from './report-due-rule';
export * from './queries/report-reader';
export * from './unit-export/unit-export';
