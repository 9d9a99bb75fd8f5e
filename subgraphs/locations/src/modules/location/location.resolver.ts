import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { District } from '../district/district.entity';
import { OrganisationStub } from '../organisation/organisation.stub';
import { OrganisationUnitStub } from '../organisation-unit/organisation-unit.stub';
import { Location } from './location.entity';

@Resolver(() => Location)
export class LocationResolver {
  @Query(() => Location, { nullable: true, description: 'One site by id; null when there is none.' })
  location(@Arg('id', () => ID) id: string, @Ctx() ctx: LocationsContext): Promise<Location | null> {
    return ctx.loaders.location.load(id);
  }

  @Query(() => [Location], { description: 'Sites ordered by name, optionally in one district or of one organisation.' })
  locations(
    @Arg('districtId', () => ID, { nullable: true }) districtId: string | undefined,
    @Arg('organisationId', () => ID, { nullable: true }) organisationId: string | undefined,
    @Ctx() ctx: LocationsContext,
  ): Promise<Location[]> {
    return ctx.em.find(
      Location,
      { archivedAt: null, ...(districtId ? { district: districtId } : {}), ...(organisationId ? { organisationId } : {}) },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
  }

  @FieldResolver(() => District, { description: 'The municipality or city district the site is in.' })
  async district(@Root() location: Location, @Ctx() ctx: LocationsContext): Promise<District> {
    return (await ctx.loaders.district.load(location.district.id)) as District;
  }

  @FieldResolver(() => OrganisationUnitStub, { nullable: true, description: 'The organisation unit housed at the site.' })
  unit(@Root() location: Location): OrganisationUnitStub | null {
    return location.unitId ? { id: location.unitId } : null;
  }

  @FieldResolver(() => OrganisationStub, { description: 'The organisation running the site.' })
  organisation(@Root() location: Location): OrganisationStub {
    return { id: location.organisationId };
  }
}

/** `_entities` for Location: batched through the request's loader. */
export const resolveLocationReference = (reference: { id: string }, ctx: LocationsContext) =>
  ctx.loaders.location.load(reference.id);
