export * from './position-key';
export * from './reflection-document';
export * from './register-documents';
export * from './derived-documents';
export * from './reflection.projection';
export * from './read-model-set';
export * from './projection-engine';
export * from './report.projection';
