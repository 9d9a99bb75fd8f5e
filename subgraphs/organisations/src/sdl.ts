import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/kit';
import { buildOrganisationsSchema } from './schema';

void printSubgraphSdl(buildOrganisationsSchema);
