import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader } from '@jobcenter-hub/subgraph';
import { ServiceArea } from './service-area.entity';

export const createServiceAreasByLocationLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    ServiceArea,
    (area) => area.location.id,
    (ids) => ({ location: { $in: ids } }),
    { id: 'asc' },
  );
