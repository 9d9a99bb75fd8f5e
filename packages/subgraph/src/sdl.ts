import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

/**
 * Writes a subgraph's SDL (as its `_service { sdl }` would answer) to stdout. Each subgraph's
 * `src/sdl.ts` calls this so `npm run compose` can print schemas without a database.
 */
export async function printSubgraphSdl(build: () => Promise<GraphQLSchema>): Promise<void> {
  const schema = await build();
  process.stdout.write(printSubgraphSchema(schema));
}
