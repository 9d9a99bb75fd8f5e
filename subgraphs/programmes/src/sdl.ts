import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/subgraph';
import { buildProgrammesSchema } from './schema';

void printSubgraphSdl(buildProgrammesSchema);
