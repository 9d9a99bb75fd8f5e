import { AsyncLocalStorage } from 'node:async_hooks';

interface SqlTally {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlTally>();

/**
 * Runs `fn` with a fresh SQL tally; every statement counted inside it (however deep in async resolvers)
 * is added to it. Used per HTTP request and in tests to assert that no request does N+1. The subgraph
 * layer's `attachSqlCounter` hooks the ORM to `tallySqlStatement`; a service without a database counts 0.
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

/** Adds one statement to the current tally (nothing outside a `countSql` scope). */
export function tallySqlStatement(): void {
  const tally = storage.getStore();
  if (tally) tally.statements += 1;
}
