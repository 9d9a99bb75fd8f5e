import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type Clock, systemClock } from './clock';
import { type References, ReferenceSource } from './remote-references';
import { forkRequestEm } from './soft-delete';

/** What every subgraph's request context holds; `TLoaders` are the subgraph's own DataLoaders. */
export interface RequestContext<TLoaders> {
  /** This request's EntityManager, with the `live` filter on: archived records leave every list. */
  em: EntityManager;
  loaders: TLoaders;
  requestId: string;
  /** Who is calling (from the verified bearer token; anonymous without one). */
  caller: Caller;
  /** The instant the request started: every "now" of the request (archiving, "open now", "upcoming") reads this. */
  now: Date;
  /**
   * Records of other publishers and subgraphs: their state (exists, archived, owner) and the live grants
   * of references, batched per request (remote-references.ts). Used by `assertReference` at write time
   * and by lists that show records through foreign references at read time.
   */
  references: References;
}

/**
 * A subgraph's context factory: the one place that forks the EntityManager, reads the clock and creates
 * the loaders, once per request. `createLoaders` gets the request's instant for loaders that depend on it
 * ("upcoming" intakes); tests pass a fixed `clock`. `references` is the subgraph's process-wide
 * `ReferenceSource` (its `server.ts` makes it); without one, every reference asked is SERVICE_UNAVAILABLE.
 */
export const createRequestContextFactory =
  <TLoaders>(createLoaders: (em: EntityManager, now: Date) => TLoaders) =>
  (orm: MikroORM, clock: Clock = systemClock, references: ReferenceSource = new ReferenceSource(orm, { types: {} })) =>
  async ({ requestId, caller }: { requestId: string; caller: Caller }): Promise<RequestContext<TLoaders>> => {
    const em = forkRequestEm(orm);
    const now = clock();
    return { em, loaders: createLoaders(em, now), requestId, caller, now, references: references.forRequest(em) };
  };
