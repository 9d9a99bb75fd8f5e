import { readSubgraphEnv } from '@jobcenter-hub/subgraph';

/** The __name__ subgraph listens on __port__ unless PORT says otherwise. */
export const read__Name__Env = () => readSubgraphEnv(__port__);
