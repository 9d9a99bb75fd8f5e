import { createConnectionType } from '@jobcenter-hub/subgraph';
import { OrganisationUnit } from './organisation-unit.entity';

export const OrganisationUnitConnection = createConnectionType('OrganisationUnit', OrganisationUnit);
