export * from './smtp-catcher';
export * from './test-config';
export * from './test-database';
export * from './wait-for';
export * from './child-process';
export * from './http-client';
export * from './api-harness';
export * from './berlin-date';
