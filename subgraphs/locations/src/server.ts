import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@jobcenter-hub/service';
import { type Clock, createSubgraphApollo, type SubgraphParts } from '@jobcenter-hub/subgraph';
import { createContextFactory, type LocationsContext } from './context';
import { buildLocationsSchema } from './schema';

/**
 * The locations subgraph without `listen`, so tests can run operations against it directly. `now` is
 * the clock each request reads once (the wall clock unless a test fixes it).
 */
export async function createServer(
  orm: MikroORM,
  options: { production: boolean; logger: Logger; now?: Clock },
): Promise<SubgraphParts<LocationsContext>> {
  const schema = await buildLocationsSchema();
  return { apollo: createSubgraphApollo<LocationsContext>(schema, options), context: createContextFactory(orm, options.now) };
}
