import { PageArgs, paginateArray, readPageArgs } from '@jobcenter-hub/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { keepShownSites } from '../location/location.checks';
import { LocationListArgs } from '../location/location.args';
import { LocationConnection } from '../location/location.types';
import { OrganisationStub } from './organisation.stub';

@Resolver(() => OrganisationStub)
export class OrganisationLocationsResolver {
  @FieldResolver(() => LocationConnection, {
    nullable: true,
    description: "The sites the organisation runs: its record owner's, and other organisations' while that owner grants them references.",
  })
  async locations(
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => LocationListArgs) { kind }: LocationListArgs,
    @Root() organisation: OrganisationStub,
    @Ctx() ctx: LocationsContext,
  ) {
    readPageArgs(page, undefined);
    const sites = await keepShownSites(
      ctx,
      await ctx.loaders.locationsByOrganisation.load(organisation.id),
      (site) => site.organisationOwnerId,
    );
    return paginateArray(kind ? sites.filter((site) => site.kind === kind) : sites, page, (site) => [site.name, site.id]);
  }
}

/** The locations subgraph only extends Organisation: a reference is its own key. */
export const resolveOrganisationReference = (reference: { id: string }): OrganisationStub => ({ id: reference.id });
