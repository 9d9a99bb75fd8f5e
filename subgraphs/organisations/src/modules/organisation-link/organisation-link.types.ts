import { createConnectionType } from '@jobcenter-hub/subgraph';
import { OrganisationLink } from './organisation-link.entity';

/** A page of links (`Organisation.linkedOrganisations`). */
export const OrganisationLinkConnection = createConnectionType('OrganisationLink', OrganisationLink);
