export * from './reflections.module';
export * from './reflection-event.codec';
export * from './command-result';
export * from './unit-deadlines';
export * from './receipts/receipt-keys';
export * from './receipts/status-lookup';
export * from './imports/work-record-import';
export * from './imports/work-record-sheet';
