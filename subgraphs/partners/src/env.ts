import { readSubgraphEnv } from '@jobcenter-hub/kit';

/** The partners subgraph listens on 4003 unless PORT says otherwise. */
export const readPartnersEnv = () => readSubgraphEnv(4003);
