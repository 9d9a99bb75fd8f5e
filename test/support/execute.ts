import { ANONYMOUS, type Caller, countSql, type Role } from '@jobcenter-hub/service';
import type { SubgraphParts } from '@jobcenter-hub/subgraph';
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
  // Any subgraph's parts: the context type does not matter to the caller of one operation, and
  // ApolloServer<T> is invariant in T, so no narrower type accepts every subgraph's parts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  parts: SubgraphParts<any>,
  query: string,
  variables: Record<string, unknown> = {},
  /** Who asks: anonymous unless given (see `asUser`). */
  caller: Caller = ANONYMOUS,
): Promise<Executed<TData>> {
  const { result, statements } = await countSql(async () =>
    parts.apollo.executeOperation({ query, variables }, { contextValue: await parts.context({ requestId: 'test', caller }) }),
  );
  if (result.body.kind !== 'single') throw new Error('incremental delivery is not expected here');
  const { data, errors } = result.body.singleResult;
  return { data: (data ?? undefined) as TData | undefined, errors, statements };
}

/** A signed-in caller of `organisationId` with `roles`, as a verified token would give. */
export const asUser = (organisationId: string, ...roles: Role[]): Caller => ({
  kind: 'user',
  subject: `test-${roles.join('-')}@${organisationId}`,
  organisationId,
  roles: new Set(roles),
});
