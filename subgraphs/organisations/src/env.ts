import { readSubgraphEnv } from '@jobcenter-hub/subgraph';

/** The organisations subgraph listens on 4001 unless PORT says otherwise. */
export const readOrganisationsEnv = () => readSubgraphEnv(4001);
