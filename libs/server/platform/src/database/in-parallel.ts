import { EntityManager } from 'typeorm';

/**
 * Runs independent queries at once over the pool, or one after another inside a transaction:
 * a transaction has a single connection, where pg would queue them anyway (and warns about it).
 */
export async function inParallel<T extends readonly unknown[]>(
  manager: EntityManager,
  queries: [...{ [K in keyof T]: () => Promise<T[K]> }],
): Promise<T> {
  if (!manager.queryRunner) return (await Promise.all(queries.map((query) => query()))) as unknown as T;
  const results: unknown[] = [];
  for (const query of queries) results.push(await query());
  return results as unknown as T;
}
