import { buildFederatedSchema, createAuditTrailResolver, ScheduleResolver } from '@jobcenter-hub/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { LocationsContext } from './context';
import { DistrictMutations } from './modules/district/district.mutation';
import { DistrictResolver, resolveDistrictReference } from './modules/district/district.resolver';
import { DistrictIndicatorMutations } from './modules/district-indicator/district-indicator.mutation';
import { LocationMutations } from './modules/location/location.mutation';
import { LocationResolver, resolveLocationReference } from './modules/location/location.resolver';
import { ResponsibilityPlacesResolver } from './modules/place/place.resolver';
import { ServiceAreaMutations } from './modules/service-area/service-area.mutation';
import { ServiceAreaResolver } from './modules/service-area/service-area.resolver';
import { OrganisationLocationsResolver, resolveOrganisationReference } from './modules/organisation/organisation.resolver';
import { OrganisationStub } from './modules/organisation/organisation.stub';
import {
  OrganisationUnitLocationsResolver,
  resolveOrganisationUnitReference,
} from './modules/organisation-unit/organisation-unit.resolver';
import { OrganisationUnitStub } from './modules/organisation-unit/organisation-unit.stub';

export function buildLocationsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<LocationsContext>(
    {
      resolvers: [
        LocationResolver,
        LocationMutations,
        DistrictResolver,
        DistrictMutations,
        DistrictIndicatorMutations,
        ServiceAreaResolver,
        ResponsibilityPlacesResolver,
        ServiceAreaMutations,
        ScheduleResolver,
        OrganisationLocationsResolver,
        OrganisationUnitLocationsResolver,
        createAuditTrailResolver('locations'),
      ],
      // Stubs that only federation reaches must be listed, or type-graphql drops them silently.
      orphanedTypes: [OrganisationStub, OrganisationUnitStub],
      validate: true,
    },
    {
      Location: { __resolveReference: resolveLocationReference },
      District: { __resolveReference: resolveDistrictReference },
      Organisation: { __resolveReference: resolveOrganisationReference },
      OrganisationUnit: { __resolveReference: resolveOrganisationUnitReference },
    },
  );
}
