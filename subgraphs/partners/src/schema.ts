import { buildFederatedSchema, createAuditTrailResolver, ScheduleResolver } from '@jobcenter-hub/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { PartnersContext } from './context';
import { DistrictPartnersResolver, resolveDistrictReference } from './modules/district/district.resolver';
import { DistrictStub } from './modules/district/district.stub';
import { LiaisonMutations } from './modules/liaison/liaison.mutation';
import { LiaisonResolver } from './modules/liaison/liaison.resolver';
import { OrganisationUnitPartnersResolver, resolveOrganisationUnitReference } from './modules/organisation-unit/organisation-unit.resolver';
import { OrganisationUnitStub } from './modules/organisation-unit/organisation-unit.stub';
import { PartnerMutations } from './modules/partner/partner.mutation';
import { PartnerResolver, resolvePartnerReference } from './modules/partner/partner.resolver';

export function buildPartnersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<PartnersContext>(
    {
      resolvers: [
        PartnerResolver,
        PartnerMutations,
        LiaisonResolver,
        LiaisonMutations,
        DistrictPartnersResolver,
        OrganisationUnitPartnersResolver,
        ScheduleResolver,
        createAuditTrailResolver('partners'),
      ],
      // Reached today through Partner.districts and Liaison.unit, but listed so the extensions of these
      // types cannot vanish silently if those fields go (type-graphql drops unreachable types).
      orphanedTypes: [DistrictStub, OrganisationUnitStub],
      validate: true,
    },
    {
      Partner: { __resolveReference: resolvePartnerReference },
      District: { __resolveReference: resolveDistrictReference },
      OrganisationUnit: { __resolveReference: resolveOrganisationUnitReference },
    },
  );
}
