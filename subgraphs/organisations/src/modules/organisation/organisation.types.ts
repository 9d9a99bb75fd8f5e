import { createConnectionType } from '@jobcenter-hub/subgraph';
import { Organisation } from './organisation.entity';

/** A page of organisations (`organisations`). */
export const OrganisationConnection = createConnectionType('Organisation', Organisation);
