import type { MikroORM } from '@mikro-orm/postgresql';
import { createSubgraphApollo, type Logger, type SubgraphParts } from '@jobcenter-hub/kit';
import { createContextFactory, type LocationsContext } from './context';
import { buildLocationsSchema } from './schema';

/** The locations subgraph without `listen`, so tests can run operations against it directly. */
export async function createServer(
  orm: MikroORM,
  options: { production: boolean; logger: Logger },
): Promise<SubgraphParts<LocationsContext>> {
  const schema = await buildLocationsSchema();
  return { apollo: createSubgraphApollo<LocationsContext>(schema, options), context: createContextFactory(orm) };
}
