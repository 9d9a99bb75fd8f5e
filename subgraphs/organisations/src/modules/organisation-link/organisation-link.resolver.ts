import { createConnectionType } from '@jobcenter-hub/kit';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Organisation } from '../organisation/organisation.entity';
import { OrganisationLink } from './organisation-link.entity';

export const OrganisationLinkConnection = createConnectionType('OrganisationLink', OrganisationLink);

@Resolver(() => OrganisationLink)
export class OrganisationLinkResolver {
  @FieldResolver(() => Organisation, { description: 'The linked organisation.' })
  organisation(@Root() link: OrganisationLink): Organisation {
    // Joined in by the loader of `linkedOrganisations`: no statement here.
    return link.linked;
  }
}
