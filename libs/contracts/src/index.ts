export * from './lib/api-error';
export * from './lib/identity';
export * from './lib/organizations';
export * from './lib/groups';
export * from './lib/tasks';
export * from './lib/meetings';
export * from './lib/minutes';
export * from './lib/notifications';
