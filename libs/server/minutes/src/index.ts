export * from './entities/decision.entity';
export * from './entities/minutes-entry.entity';
export * from './entities/minutes-review.entity';
export * from './entities/minutes-revision.entity';
export * from './entities/minutes.entity';
export * from './schema';
