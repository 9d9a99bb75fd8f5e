import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { Location } from '../location/location.entity';
import { OrganisationUnitStub } from './organisation-unit.stub';

@Resolver(() => OrganisationUnitStub)
export class OrganisationUnitLocationsResolver {
  @FieldResolver(() => [Location], { description: 'The sites where the unit works.' })
  locations(@Root() unit: OrganisationUnitStub, @Ctx() ctx: LocationsContext): Promise<Location[]> {
    return ctx.loaders.locationsByUnit.load(unit.id);
  }
}

/** The locations subgraph only extends OrganisationUnit: a reference is its own key. */
export const resolveOrganisationUnitReference = (reference: { id: string }): OrganisationUnitStub => ({ id: reference.id });
