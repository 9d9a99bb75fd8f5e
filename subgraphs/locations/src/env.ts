import { readSubgraphEnv } from '@jobcenter-hub/subgraph';

/** The locations subgraph listens on 4002 unless PORT says otherwise. */
export const readLocationsEnv = () => readSubgraphEnv(4002);
