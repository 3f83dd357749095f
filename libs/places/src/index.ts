export * from './places.module';
export * from './village-register';
