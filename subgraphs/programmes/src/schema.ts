import { buildFederatedSchema, createAuditTrailResolver } from '@jobcenter-hub/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { ProgrammesContext } from './context';
// Loaded first: type-graphql lists mutations in the order their classes load, and the published schema
// starts with the programme's.
import { ProgrammeMutations } from './modules/programme/programme.mutation';
import { IntakeMutations } from './modules/intake/intake.mutation';
import { IntakeResolver } from './modules/intake/intake.resolver';
import { LocationProgrammesResolver, resolveLocationReference } from './modules/location/location.resolver';
import { LocationStub } from './modules/location/location.stub';
import { OrganisationProgrammesResolver, resolveOrganisationReference } from './modules/organisation/organisation.resolver';
import { OrganisationStub } from './modules/organisation/organisation.stub';
import { ParticipationMutations } from './modules/participation/participation.mutation';
import { ParticipationResolver } from './modules/participation/participation.resolver';
import { PartnerProgrammesResolver, resolvePartnerReference } from './modules/partner/partner.resolver';
import { PartnerStub } from './modules/partner/partner.stub';
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
        LocationProgrammesResolver,
        OrganisationProgrammesResolver,
        PartnerProgrammesResolver,
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
