import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@jobcenter-hub/service';
import { createSubgraphApollo, type SubgraphParts } from '@jobcenter-hub/subgraph';
import { createContextFactory, type OrganisationsContext } from './context';
import { buildOrganisationsSchema } from './schema';

/** The organisations subgraph without `listen`, so tests can run operations against it directly. */
export async function createServer(
  orm: MikroORM,
  options: { production: boolean; logger: Logger },
): Promise<SubgraphParts<OrganisationsContext>> {
  const schema = await buildOrganisationsSchema();
  return { apollo: createSubgraphApollo<OrganisationsContext>(schema, options), context: createContextFactory(orm) };
}
