import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';

interface SqlTally {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlTally>();

/**
 * Runs `fn` with a fresh SQL tally; every statement the ORM sends inside it (however deep in async
 * resolvers) is counted. Used per HTTP request and in tests to assert that no request does N+1.
 */
export async function countSql<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const tally: SqlTally = { statements: 0 };
  const result = await storage.run(tally, fn);
  return { result, statements: tally.statements };
}

/** The statements counted so far in the current `countSql` scope (0 outside one). */
export function currentSqlStatements(): number {
  return storage.getStore()?.statements ?? 0;
}

/** Hooks the ORM's query builder so each statement it sends is added to the current tally. */
export function attachSqlCounter(orm: MikroORM): void {
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      const tally = storage.getStore();
      if (tally) tally.statements += 1;
    });
}
