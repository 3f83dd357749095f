export * from './register-lookup';
export * from './registers.module';
export * from './sites/site-placement';
