import { wrap } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { Organisation } from '../organisation/organisation.entity';
import { OrganisationLink } from './organisation-link.entity';

@Resolver(() => OrganisationLink)
export class OrganisationLinkResolver {
  @FieldResolver(() => Organisation, { description: 'The linked organisation.' })
  async organisation(@Root() link: OrganisationLink, @Ctx() ctx: OrganisationsContext): Promise<Organisation> {
    // Joined in by the loader of `linkedOrganisations`: no statement there. A link a mutation returns may
    // hold only a reference; the foreign key guarantees the row.
    if (wrap(link.linked).isInitialized()) return link.linked;
    return (await ctx.loaders.organisation.load(link.linked.id)) as Organisation;
  }
}
