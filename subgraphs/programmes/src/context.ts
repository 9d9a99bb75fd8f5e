import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  createProgrammeLoader,
  createProgrammesByOperatorLoader,
  createProgrammesByPartnerLoader,
  createProgrammesByVenueLoader,
} from './modules/programme/programme.loader';

function createLoaders(em: EntityManager) {
  return {
    programme: createProgrammeLoader(em),
    programmesByVenue: createProgrammesByVenueLoader(em),
    programmesByOperator: createProgrammesByOperatorLoader(em),
    programmesByPartner: createProgrammesByPartnerLoader(em),
  };
}

export interface ProgrammesContext {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
}

/** The one place that forks the EntityManager and creates the loaders, once per request. */
export const createContextFactory =
  (orm: MikroORM) =>
  async ({ requestId }: { requestId: string }): Promise<ProgrammesContext> => {
    const em = orm.em.fork();
    return { em, loaders: createLoaders(em), requestId };
  };
