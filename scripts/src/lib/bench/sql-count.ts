import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';

export interface SqlCount {
  /** Statements all subgraphs sent to PostgreSQL for the operation. */
  total: number;
  bySubgraph: Record<string, number>;
  /** Subgraph fetches the operation made (one per fetch node of the query plan that ran). */
  fetches: number;
}

/**
 * An in-process Apollo gateway over the same supergraph and subgraphs that adds up the
 * `x-sql-statements` header of every subgraph response of one operation. It runs operations one at a
 * time, so the sum belongs to exactly one operation: a measuring instrument next to the real gateway,
 * which stays untouched. Subgraphs send the header unless `EXPOSE_SQL_COUNT=false` (or production).
 */
export async function createSqlCounter(
  supergraphSdl: string,
  subgraphUrls: Record<string, string>,
  /** Sent to every subgraph, e.g. `x-gateway-secret` when the subgraphs have a GATEWAY_SHARED_SECRET. */
  headers: Record<string, string> = {},
) {
  let current: SqlCount | undefined;
  class CountingDataSource extends RemoteGraphQLDataSource {
    constructor(
      readonly name: string,
      url: string,
    ) {
      super({ url });
    }
    override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0]) {
      const authorization = (context as { authorization?: string } | undefined)?.authorization;
      if (authorization) request.http?.headers.set('authorization', authorization);
      for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
    }
    override didReceiveResponse({ response }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]) {
      const header = response.http?.headers.get('x-sql-statements');
      if (current) {
        if (header === null || header === undefined)
          throw new Error(`subgraph ${this.name} sent no x-sql-statements header (EXPOSE_SQL_COUNT is off)`);
        current.total += Number(header);
        current.bySubgraph[this.name] = (current.bySubgraph[this.name] ?? 0) + Number(header);
        current.fetches += 1;
      }
      return response;
    }
  }
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new CountingDataSource(name, subgraphUrls[name] ?? url!),
  });
  const server = new ApolloServer<{ authorization?: string }>({ gateway });
  await server.start();
  let queue = Promise.resolve();
  return {
    /**
     * Runs one operation (as the caller `authorization` names, forwarded to the subgraphs as the
     * gateway does) and returns its statements; throws when it answers with errors.
     */
    count(query: string, variables: Record<string, unknown>, authorization?: string): Promise<SqlCount> {
      const run = queue.then(async () => {
        current = { total: 0, bySubgraph: {}, fetches: 0 };
        try {
          const response = await server.executeOperation({ query, variables }, { contextValue: { authorization } });
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (!result || result.errors) throw new Error(`operation failed: ${JSON.stringify(result?.errors ?? 'incremental response')}`);
          return current;
        } finally {
          current = undefined;
        }
      });
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    stop: () => server.stop(),
  };
}
