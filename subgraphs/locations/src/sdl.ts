import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/kit';
import { buildLocationsSchema } from './schema';

void printSubgraphSdl(buildLocationsSchema);
