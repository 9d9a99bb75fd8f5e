import { PageArgs, paginateArray, readPageArgs } from '@jobcenter-hub/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { keepShownSites } from '../location/location.checks';
import { LocationConnection } from '../location/location.types';
import { OrganisationUnitStub } from './organisation-unit.stub';

@Resolver(() => OrganisationUnitStub)
export class OrganisationUnitLocationsResolver {
  @FieldResolver(() => LocationConnection, {
    nullable: true,
    description: "The sites where the unit works: its owner's, and other organisations' while the unit's owner grants them references.",
  })
  async locations(@Args(() => PageArgs) page: PageArgs, @Root() unit: OrganisationUnitStub, @Ctx() ctx: LocationsContext) {
    readPageArgs(page, undefined);
    const sites = await keepShownSites(ctx, await ctx.loaders.locationsByUnit.load(unit.id), (site) => site.unitOwnerId);
    return paginateArray(sites, page, (site) => [site.name, site.id]);
  }
}

/** The locations subgraph only extends OrganisationUnit: a reference is its own key. */
export const resolveOrganisationUnitReference = (reference: { id: string }): OrganisationUnitStub => ({ id: reference.id });
