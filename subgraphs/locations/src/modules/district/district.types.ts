import { createConnectionType } from '@jobcenter-hub/kit';
import { District } from './district.entity';

export const DistrictConnection = createConnectionType('District', District);
