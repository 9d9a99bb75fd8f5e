import { readSubgraphEnv } from '@jobcenter-hub/subgraph';

/** The partners subgraph listens on 4003 unless PORT says otherwise. */
export const readPartnersEnv = () => readSubgraphEnv(4003);
