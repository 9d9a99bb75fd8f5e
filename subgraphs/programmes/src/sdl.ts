import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/kit';
import { buildProgrammesSchema } from './schema';

void printSubgraphSdl(buildProgrammesSchema);
