import { createConnectionType } from '@jobcenter-hub/subgraph';
import { __Entity__ } from './__entityFile__.entity';

/** A page of __entitiesWords__ (`__entities__`, `District.__entities__`, `Partner.__entities__`). */
export const __Entity__Connection = createConnectionType('__Entity__', __Entity__);
