import { readSubgraphEnv } from '@jobcenter-hub/subgraph';

/** The programmes subgraph listens on 4004 unless PORT says otherwise. */
export const readProgrammesEnv = () => readSubgraphEnv(4004);
