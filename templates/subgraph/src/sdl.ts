import 'reflect-metadata';
import { printSubgraphSdl } from '@jobcenter-hub/subgraph';
import { build__Name__Schema } from './schema';

void printSubgraphSdl(build__Name__Schema);
