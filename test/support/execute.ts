import { countSql, type SubgraphParts } from '@jobcenter-hub/kit';
import type { GraphQLFormattedError } from 'graphql';

export interface Executed<TData> {
  data: TData | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
  /** SQL statements the operation sent to PostgreSQL. */
  statements: number;
}

/**
 * Runs one operation against a subgraph's real schema and database (no HTTP), with a fresh per-request
 * context, and counts the SQL statements it sent.
 */
export async function execute<TData = Record<string, unknown>>(
  // Any subgraph's parts: the context type does not matter to the caller of one operation.
  parts: SubgraphParts<any>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Executed<TData>> {
  const { result, statements } = await countSql(async () =>
    parts.apollo.executeOperation({ query, variables }, { contextValue: await parts.context({ requestId: 'test' }) }),
  );
  if (result.body.kind !== 'single') throw new Error('incremental delivery is not expected here');
  const { data, errors } = result.body.singleResult;
  return { data: (data ?? undefined) as TData | undefined, errors, statements };
}
