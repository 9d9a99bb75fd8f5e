import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { Location } from '../location/location.entity';
import { OrganisationStub } from './organisation.stub';

@Resolver(() => OrganisationStub)
export class OrganisationLocationsResolver {
  @FieldResolver(() => [Location], { description: 'The sites the organisation runs.' })
  locations(@Root() organisation: OrganisationStub, @Ctx() ctx: LocationsContext): Promise<Location[]> {
    return ctx.loaders.locationsByOrganisation.load(organisation.id);
  }
}

/** The locations subgraph only extends Organisation: a reference is its own key. */
export const resolveOrganisationReference = (reference: { id: string }): OrganisationStub => ({ id: reference.id });
