import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/kit';
import { buildPartnersSchema } from './schema';

void printSubgraphSdl(buildPartnersSchema);
