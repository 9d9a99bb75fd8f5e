import { createConnectionType } from '@jobcenter-hub/subgraph';
import { District } from './district.entity';

export const DistrictConnection = createConnectionType('District', District);
