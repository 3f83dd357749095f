export * from './settings';
export * from './platform.module';
export * from './data-dir-lock';
export * from './http/read-query.dto';
export * from './http/input-decorators';
export * from './integrity/store-integrity';
export * from './integrity/store-damaged.error';
export * from './integrity/sqlite-file-check';
