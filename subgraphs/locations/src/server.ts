import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type Clock,
  createSubgraphApollo,
  type LocalReferences,
  ReferenceSource,
  type SubgraphParts,
  type SubgraphServerOptions,
} from '@jobcenter-hub/subgraph';
import { createContextFactory, type LocationsContext } from './context';
import { District } from './modules/district/district.entity';
import { Location } from './modules/location/location.entity';
import { buildLocationsSchema } from './schema';

/** What this subgraph answers about its records to the others (`ctx.references`, `/internal/references`). */
export const LOCATIONS_REFERENCES: LocalReferences = { types: { Location: { entity: Location }, District: { entity: District } } };

/**
 * The locations subgraph without `listen`, so tests can run operations against it directly. `now` is
 * the clock each request reads once (the wall clock unless a test fixes it); `references` says where the
 * other subgraphs are.
 */
export async function createServer(
  orm: MikroORM,
  options: SubgraphServerOptions & { now?: Clock },
): Promise<SubgraphParts<LocationsContext>> {
  const schema = await buildLocationsSchema();
  const references = new ReferenceSource(orm, LOCATIONS_REFERENCES, options.references);
  return {
    apollo: createSubgraphApollo<LocationsContext>(schema, options),
    context: createContextFactory(orm, options.now, references),
    internal: references.internal,
  };
}
