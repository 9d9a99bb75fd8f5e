import { buildFederatedSchema } from '@jobcenter-hub/kit';
import type { GraphQLSchema } from 'graphql';
import type { OrganisationsContext } from './context';
import { OrganisationResolver, resolveOrganisationReference } from './modules/organisation/organisation.resolver';
import { OrganisationLinkResolver } from './modules/organisation-link/organisation-link.resolver';
import {
  OrganisationUnitResolver,
  resolveOrganisationUnitReference,
} from './modules/organisation-unit/organisation-unit.resolver';

export function buildOrganisationsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<OrganisationsContext>(
    { resolvers: [OrganisationResolver, OrganisationUnitResolver, OrganisationLinkResolver], validate: true },
    {
      Organisation: { __resolveReference: resolveOrganisationReference },
      OrganisationUnit: { __resolveReference: resolveOrganisationUnitReference },
    },
  );
}
