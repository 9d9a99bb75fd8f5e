import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type Clock,
  createSubgraphApollo,
  type LocalReferences,
  ReferenceSource,
  type SubgraphParts,
  type SubgraphServerOptions,
} from '@jobcenter-hub/subgraph';
import { createContextFactory, type __Name__Context } from './context';
import { build__Name__Schema } from './schema';

/**
 * What this subgraph answers about its records to the others (`ctx.references`, `/internal/references`):
 * none of the hub's reference types are its own. It asks the hub's subgraphs about theirs (e.g. that a
 * writer's organisation exists, or a foreign district's owner grants a reference: docs/security.md).
 */
export const LOCAL_REFERENCES: LocalReferences = { types: {} };

/**
 * The __name__ subgraph without `listen`, so tests can run operations against it directly. `now` is
 * the clock each request reads once (the wall clock unless a test fixes it); `references` says where the
 * other subgraphs are.
 */
export async function createServer(
  orm: MikroORM,
  options: SubgraphServerOptions & { now?: Clock },
): Promise<SubgraphParts<__Name__Context>> {
  const schema = await build__Name__Schema();
  const references = new ReferenceSource(orm, LOCAL_REFERENCES, options.references);
  return {
    apollo: createSubgraphApollo<__Name__Context>(schema, options),
    context: createContextFactory(orm, options.now, references),
    internal: references.internal,
  };
}
