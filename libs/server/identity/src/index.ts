export * from './accounts/account.entity';
export * from './audit/audit-event.entity';
export * from './sessions/session.entity';
export * from './schema';
