import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@jobcenter-hub/service';
import { type Clock, createSubgraphApollo, type SubgraphParts } from '@jobcenter-hub/subgraph';
import { createContextFactory, type __Name__Context } from './context';
import { build__Name__Schema } from './schema';

/**
 * The __name__ subgraph without `listen`, so tests can run operations against it directly. `now` is
 * the clock each request reads once (the wall clock unless a test fixes it).
 */
export async function createServer(
  orm: MikroORM,
  options: { production: boolean; logger: Logger; now?: Clock },
): Promise<SubgraphParts<__Name__Context>> {
  const schema = await build__Name__Schema();
  return { apollo: createSubgraphApollo<__Name__Context>(schema, options), context: createContextFactory(orm, options.now) };
}
