import type { EntityManager } from '@mikro-orm/postgresql';
import { createRequestContextFactory, type RequestContext, today } from '@jobcenter-hub/subgraph';
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

/** Intakes are "upcoming" from the request's day in Europe/Berlin (`today(now)`, YYYY-MM-DD) on. */
function createLoaders(em: EntityManager, now: Date) {
  const day = today(now);
  return {
    programme: createProgrammeLoader(em),
    programmesByVenue: createProgrammesByVenueLoader(em),
    programmesByOperator: createProgrammesByOperatorLoader(em),
    programmesByPartner: createProgrammesByPartnerLoader(em),
    upcomingIntakesByProgramme: createUpcomingIntakesByProgrammeLoader(em, day),
    upcomingIntakesByVenue: createUpcomingIntakesByVenueLoader(em, day),
    programmePlacesByVenue: createProgrammePlacesByVenueLoader(em, day),
    participationByProgramme: createParticipationByProgrammeLoader(em),
    participantsByOperator: createParticipantsByOperatorLoader(em),
  };
}

/** The request context of this subgraph's resolvers (see `RequestContext`). */
export type ProgrammesContext = RequestContext<ReturnType<typeof createLoaders>>;

/** Forks the EntityManager, reads the clock and creates the loaders, once per request; tests may pass a fixed clock. */
export const createContextFactory = createRequestContextFactory(createLoaders);
