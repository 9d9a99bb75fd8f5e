import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/subgraph';
import { buildLocationsSchema } from './schema';

void printSubgraphSdl(buildLocationsSchema);
