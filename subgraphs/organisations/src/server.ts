import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type Clock,
  createSubgraphApollo,
  type LocalReferences,
  ReferenceSource,
  type SubgraphParts,
  type SubgraphServerOptions,
} from '@jobcenter-hub/subgraph';
import { createContextFactory, type OrganisationsContext } from './context';
import { Organisation } from './modules/organisation/organisation.entity';
import { OrganisationRelation } from './modules/organisation-link/organisation-link.entity';
import { OrganisationUnit } from './modules/organisation-unit/organisation-unit.entity';
import { buildOrganisationsSchema } from './schema';

/**
 * What this subgraph answers about its records to the others (`ctx.references`, `/internal/references`),
 * and the grants: the live GRANTS_REFERENCES links (`/internal/grants`).
 */
export const ORGANISATIONS_REFERENCES: LocalReferences = {
  types: {
    Organisation: { entity: Organisation, extra: (organisation: Organisation) => ({ municipalityKeys: organisation.municipalityKeys }) },
    OrganisationUnit: { entity: OrganisationUnit },
  },
  grants: async (em) => {
    // Plain SQL (no entities in the request's identity map); archived links are revoked grants.
    const rows = await em.getConnection().execute<{ granter_id: string; grantee_id: string }[]>(
      `select organisation_id as granter_id, linked_id as grantee_id from organisation_link where relation = ? and archived_at is null`,
      [OrganisationRelation.GRANTS_REFERENCES],
      'all',
      // Inside a write's transaction: its connection.
      em.getTransactionContext(),
    );
    return rows.map((row) => ({ granterId: row.granter_id, granteeId: row.grantee_id }));
  },
};

/**
 * The organisations subgraph without `listen`, so tests can run operations against it directly. `now`
 * is the clock each request reads once (the wall clock unless a test fixes it).
 */
export async function createServer(
  orm: MikroORM,
  options: SubgraphServerOptions & { now?: Clock },
): Promise<SubgraphParts<OrganisationsContext>> {
  const schema = await buildOrganisationsSchema();
  const references = new ReferenceSource(orm, ORGANISATIONS_REFERENCES, options.references);
  return {
    apollo: createSubgraphApollo<OrganisationsContext>(schema, options),
    context: createContextFactory(orm, options.now, references),
    internal: references.internal,
  };
}
