import type { EntityManager } from '@mikro-orm/postgresql';
import { createRequestContextFactory, type RequestContext, today } from '@jobcenter-hub/subgraph';
import {
  createProgrammePlacesByVenueLoaders,
  createUpcomingIntakesByProgrammeLoaders,
  createUpcomingIntakesByVenueLoaders,
} from './modules/intake/intake.loader';
import { createParticipantsByOperatorLoaders, createParticipationByProgrammeLoaders } from './modules/participation/participation.loader';
import {
  createProgrammeLoader,
  createProgrammesByOperatorLoaders,
  createProgrammesByPartnerLoaders,
  createProgrammesByVenueLoaders,
} from './modules/programme/programme.loader';

/**
 * Intakes are "upcoming" from the request's day in Europe/Berlin (`today(now)`, YYYY-MM-DD) on. The
 * lists that show records through references to other publishers' records take the request's `Grants`
 * (`await Grants.of(ctx)`): `ctx.loaders.programmesByVenue(grants).load(locationId)`.
 */
function createLoaders(em: EntityManager, now: Date) {
  const day = today(now);
  return {
    programme: createProgrammeLoader(em),
    programmesByVenue: createProgrammesByVenueLoaders(em),
    programmesByOperator: createProgrammesByOperatorLoaders(em),
    programmesByPartner: createProgrammesByPartnerLoaders(em),
    upcomingIntakesByProgramme: createUpcomingIntakesByProgrammeLoaders(em, day),
    upcomingIntakesByVenue: createUpcomingIntakesByVenueLoaders(em, day),
    programmePlacesByVenue: createProgrammePlacesByVenueLoaders(em, day),
    participationByProgramme: createParticipationByProgrammeLoaders(em),
    participantsByOperator: createParticipantsByOperatorLoaders(em),
  };
}

/** The request context of this subgraph's resolvers (see `RequestContext`). */
export type ProgrammesContext = RequestContext<ReturnType<typeof createLoaders>>;

/** Forks the EntityManager, reads the clock and creates the loaders, once per request; tests may pass a fixed clock. */
export const createContextFactory = createRequestContextFactory(createLoaders);
