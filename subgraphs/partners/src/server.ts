import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type Clock,
  createSubgraphApollo,
  type LocalReferences,
  ReferenceSource,
  type SubgraphParts,
  type SubgraphServerOptions,
} from '@jobcenter-hub/subgraph';
import { createContextFactory, type PartnersContext } from './context';
import { Partner } from './modules/partner/partner.entity';
import { buildPartnersSchema } from './schema';

/** What this subgraph answers about its records to the others (`ctx.references`, `/internal/references`). */
export const PARTNERS_REFERENCES: LocalReferences = { types: { Partner: { entity: Partner } } };

/**
 * The partners subgraph without `listen`, so tests can run operations against it directly. `now` is
 * the clock each request reads once (the wall clock unless a test fixes it); `references` says where the
 * other subgraphs are.
 */
export async function createServer(
  orm: MikroORM,
  options: SubgraphServerOptions & { now?: Clock },
): Promise<SubgraphParts<PartnersContext>> {
  const schema = await buildPartnersSchema();
  const references = new ReferenceSource(orm, PARTNERS_REFERENCES, options.references);
  return {
    apollo: createSubgraphApollo<PartnersContext>(schema, options),
    context: createContextFactory(orm, options.now, references),
    internal: references.internal,
  };
}
