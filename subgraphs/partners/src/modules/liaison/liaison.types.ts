import { createConnectionType } from '@jobcenter-hub/subgraph';
import { Liaison } from './liaison.entity';

/** A page of liaisons (`Partner.liaisons`, `OrganisationUnit.liaisons`). */
export const LiaisonConnection = createConnectionType('Liaison', Liaison);
