import { readSubgraphEnv } from '@jobcenter-hub/kit';

/** The __name__ subgraph listens on __port__ unless PORT says otherwise. */
export const read__Name__Env = () => readSubgraphEnv(__port__);
