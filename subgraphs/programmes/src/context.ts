import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type Clock, forkRequestEm, systemClock, today } from '@jobcenter-hub/subgraph';
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

/** `day`: the request's day in Europe/Berlin (YYYY-MM-DD), from which intakes are "upcoming". */
function createLoaders(em: EntityManager, day: string) {
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

export interface ProgrammesContext {
  em: EntityManager;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
  /** Who is calling (from the verified bearer token; anonymous without one). */
  caller: Caller;
  /**
   * The instant the request started: every "now" of the request reads this (archiving; "upcoming"
   * means from `today(ctx.now)` on, Europe/Berlin).
   */
  now: Date;
}

/**
 * The one place that forks the EntityManager, creates the loaders and reads the clock, once per
 * request. Tests may pass a fixed `clock`.
 */
export const createContextFactory =
  (orm: MikroORM, clock: Clock = systemClock) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<ProgrammesContext> => {
    const em = forkRequestEm(orm); // archived records leave every list (the `live` filter)
    const now = clock();
    return { em, loaders: createLoaders(em, today(now)), requestId, caller, now };
  };
