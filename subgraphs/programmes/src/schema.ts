import { buildFederatedSchema, createAuditTrailResolver } from '@jobcenter-hub/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { ProgrammesContext } from './context';
import { IntakeMutations } from './modules/intake/intake.mutation';
import { IntakeResolver } from './modules/intake/intake.resolver';
import { LocationResolver, resolveLocationReference } from './modules/location/location.resolver';
import { LocationStub } from './modules/location/location.stub';
import { OrganisationResolver, resolveOrganisationReference } from './modules/organisation/organisation.resolver';
import { OrganisationStub } from './modules/organisation/organisation.stub';
import { ParticipationMutations } from './modules/participation/participation.mutation';
import { ParticipationResolver } from './modules/participation/participation.resolver';
import { PartnerResolver, resolvePartnerReference } from './modules/partner/partner.resolver';
import { PartnerStub } from './modules/partner/partner.stub';
import { ProgrammeMutations } from './modules/programme/programme.mutation';
import { ProgrammeResolver, resolveProgrammeReference } from './modules/programme/programme.resolver';

export function buildProgrammesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<ProgrammesContext>(
    {
      resolvers: [
        ProgrammeResolver,
        ProgrammeMutations,
        IntakeResolver,
        IntakeMutations,
        ParticipationResolver,
        ParticipationMutations,
        LocationResolver,
        OrganisationResolver,
        PartnerResolver,
        createAuditTrailResolver('programmes'),
      ],
      // The stubs are entities of other subgraphs: listed so their `@key` is printed even if no field names them.
      orphanedTypes: [LocationStub, OrganisationStub, PartnerStub],
      validate: true,
    },
    {
      Programme: { __resolveReference: resolveProgrammeReference },
      Location: { __resolveReference: resolveLocationReference },
      Organisation: { __resolveReference: resolveOrganisationReference },
      Partner: { __resolveReference: resolvePartnerReference },
    },
  );
}
