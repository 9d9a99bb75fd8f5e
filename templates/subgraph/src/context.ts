import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  create__Entities__ByDistrictLoader,
  create__Entities__ByPartnerLoader,
  create__Entity__Loader,
} from './modules/__entityFile__/__entityFile__.loader';

function createLoaders(em: EntityManager) {
  return {
    __entity__: create__Entity__Loader(em),
    __entities__ByDistrict: create__Entities__ByDistrictLoader(em),
    __entities__ByPartner: create__Entities__ByPartnerLoader(em),
  };
}

export interface __Name__Context {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
}

/** The one place that forks the EntityManager and creates the loaders, once per request. */
export const createContextFactory =
  (orm: MikroORM) =>
  async ({ requestId }: { requestId: string }): Promise<__Name__Context> => {
    const em = orm.em.fork();
    return { em, loaders: createLoaders(em), requestId };
  };
