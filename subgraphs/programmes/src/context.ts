import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { localTime } from '@jobcenter-hub/subgraph';
import {
  createProgrammePlacesByVenueLoader,
  createUpcomingIntakesByProgrammeLoader,
  createUpcomingIntakesByVenueLoader,
} from './modules/intake/intake.loader';
import { createParticipantsByOperatorLoader, createParticipationByProgrammeLoader } from './modules/participation/participation.loader';
import {
  createProgrammeLoader,
  createProgrammesByOperatorLoader,
  createProgrammesByPartnerLoader,
  createProgrammesByVenueLoader,
} from './modules/programme/programme.loader';

function createLoaders(em: EntityManager, today: string) {
  return {
    programme: createProgrammeLoader(em),
    programmesByVenue: createProgrammesByVenueLoader(em),
    programmesByOperator: createProgrammesByOperatorLoader(em),
    programmesByPartner: createProgrammesByPartnerLoader(em),
    upcomingIntakesByProgramme: createUpcomingIntakesByProgrammeLoader(em, today),
    upcomingIntakesByVenue: createUpcomingIntakesByVenueLoader(em, today),
    programmePlacesByVenue: createProgrammePlacesByVenueLoader(em, today),
    participationByProgramme: createParticipationByProgrammeLoader(em),
    participantsByOperator: createParticipantsByOperatorLoader(em),
  };
}

export interface ProgrammesContext {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
  /** Who is calling (from the verified bearer token; anonymous without one). */
  caller: Caller;
  /** Today in Europe/Berlin (YYYY-MM-DD), fixed at the start of the request: "upcoming" means from this day on. */
  today: string;
}

/** The one place that forks the EntityManager and creates the loaders, once per request. */
export const createContextFactory =
  (orm: MikroORM) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<ProgrammesContext> => {
    const em = orm.em.fork();
    const today = localTime(new Date()).date;
    return { em, loaders: createLoaders(em, today), requestId, caller, today };
  };
