import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type Clock,
  createSubgraphApollo,
  type LocalReferences,
  ReferenceSource,
  type SubgraphParts,
  type SubgraphServerOptions,
} from '@jobcenter-hub/subgraph';
import { createContextFactory, type ProgrammesContext } from './context';
import { Programme } from './modules/programme/programme.entity';
import { buildProgrammesSchema } from './schema';

/** What this subgraph answers about its records to the others (`ctx.references`, `/internal/references`). */
export const PROGRAMMES_REFERENCES: LocalReferences = { types: { Programme: { entity: Programme } } };

/**
 * The programmes subgraph without `listen`, so tests can run operations against it directly. `now` is
 * the clock each request reads once (the wall clock unless a test fixes it); `references` says where the
 * other subgraphs are.
 */
export async function createServer(
  orm: MikroORM,
  options: SubgraphServerOptions & { now?: Clock },
): Promise<SubgraphParts<ProgrammesContext>> {
  const schema = await buildProgrammesSchema();
  const references = new ReferenceSource(orm, PROGRAMMES_REFERENCES, options.references);
  return {
    apollo: createSubgraphApollo<ProgrammesContext>(schema, options),
    context: createContextFactory(orm, options.now, references),
    internal: references.internal,
  };
}
