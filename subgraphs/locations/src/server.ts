import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@jobcenter-hub/service';
import { createSubgraphApollo, type SubgraphParts } from '@jobcenter-hub/subgraph';
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
