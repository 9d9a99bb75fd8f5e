import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/subgraph';
import { buildPartnersSchema } from './schema';

void printSubgraphSdl(buildPartnersSchema);
