export * from './berlin-time';
export * from './recurrence';
