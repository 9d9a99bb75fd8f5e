import { createConnectionType } from '@jobcenter-hub/kit';
import { OrganisationUnit } from './organisation-unit.entity';

export const OrganisationUnitConnection = createConnectionType('OrganisationUnit', OrganisationUnit);
