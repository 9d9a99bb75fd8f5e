import { buildFederatedSchema, createAuditTrailResolver } from '@jobcenter-hub/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { OrganisationsContext } from './context';
import { DistrictJobcenterResolver, resolveDistrictReference } from './modules/district/district.resolver';
import { DistrictStub } from './modules/district/district.stub';
import { OrganisationMutations } from './modules/organisation/organisation.mutation';
import { OrganisationResolver, resolveOrganisationReference } from './modules/organisation/organisation.resolver';
import { OrganisationLinkMutations } from './modules/organisation-link/organisation-link.mutation';
import { OrganisationLinkResolver } from './modules/organisation-link/organisation-link.resolver';
import { OrganisationUnitMutations } from './modules/organisation-unit/organisation-unit.mutation';
import { OrganisationUnitResolver, resolveOrganisationUnitReference } from './modules/organisation-unit/organisation-unit.resolver';

export function buildOrganisationsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<OrganisationsContext>(
    {
      resolvers: [
        OrganisationResolver,
        OrganisationMutations,
        OrganisationUnitResolver,
        OrganisationUnitMutations,
        OrganisationLinkResolver,
        OrganisationLinkMutations,
        DistrictJobcenterResolver,
        createAuditTrailResolver('organisations'),
      ],
      // District is only extended here (District.jobcenter): listed, or type-graphql drops it.
      orphanedTypes: [DistrictStub],
      validate: true,
    },
    {
      Organisation: { __resolveReference: resolveOrganisationReference },
      OrganisationUnit: { __resolveReference: resolveOrganisationUnitReference },
      District: { __resolveReference: resolveDistrictReference },
    },
  );
}
