import { readSubgraphEnv } from '@jobcenter-hub/kit';

/** The locations subgraph listens on 4002 unless PORT says otherwise. */
export const readLocationsEnv = () => readSubgraphEnv(4002);
