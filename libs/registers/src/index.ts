export * from './register-lookup';
export * from './registers.module';
