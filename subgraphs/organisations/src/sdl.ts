import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/subgraph';
import { buildOrganisationsSchema } from './schema';

void printSubgraphSdl(buildOrganisationsSchema);
