import { type Grants } from '@jobcenter-hub/subgraph';
import { raw } from '@mikro-orm/core';
import type { ProgrammeKind } from '../programme/programme.entity';
import { intakeVisibleSql } from '../programme/programme.queries';
import { type Intake, PlaceAvailability } from './intake.entity';

// How intakes are narrowed: free places, the in-memory filter of a group a loader fetched, and the SQL
// `exists` behind `programmes(hasFreePlaces:)`.

/** Places still open: never negative, even when more places were given out than offered. */
export const freePlaces = (intake: Intake): number => Math.max(intake.places - intake.placesTaken, 0);

/**
 * The band of `free` open places out of `places`: FULL at 0, FEW from 1 up to the larger of 2 and a
 * tenth of the places, AVAILABLE above. Wide enough that `places` and the band do not give away the
 * places taken (for a group of 25: FEW is 1 or 2 open, AVAILABLE 3 to 25).
 */
export function availabilityOf(free: number, places: number): PlaceAvailability {
  if (free <= 0) return PlaceAvailability.FULL;
  return free <= Math.max(2, places / 10) ? PlaceAvailability.FEW : PlaceAvailability.AVAILABLE;
}

export interface IntakeFilter {
  venueId?: string | null;
  kind?: ProgrammeKind | null;
  onlyWithFreePlaces?: boolean | null;
}

/**
 * Narrows a group of upcoming intakes (loaded for many parents in one statement) to what a field asked
 * for. The loaders fetch each intake's programme with it, so filtering by kind costs no query.
 */
export function selectIntakes(intakes: readonly Intake[], filter: IntakeFilter): Intake[] {
  return intakes.filter(
    (intake) =>
      (!filter.venueId || intake.venueId === filter.venueId) &&
      (!filter.kind || intake.programme.kind === filter.kind) &&
      (!filter.onlyWithFreePlaces || freePlaces(intake) > 0),
  );
}

/**
 * A programme filter for `em.find`/`em.count`: the programme has (or, with `has: false`, has not) an
 * upcoming intake with a free place, at `venueId` when given, among the intakes the lists show (their
 * venue's and programme's owners let them, `grants`). A correlated `exists`, served by the
 * (programme_id, starts_on) index, so the root list stays two statements. A raw fragment, good for one
 * statement: build it anew for each (see the shared `paginateQuery`).
 */
export function programmeHasFreePlaces(today: string, has: boolean, venueId: string | undefined, grants: Grants): Record<string, unknown> {
  const atVenue = venueId === undefined ? '' : ' and i.venue_id = ?';
  const params = venueId === undefined ? [today] : [today, venueId];
  const sql = (alias: string) =>
    `${has ? '' : 'not '}exists (select 1 from intake as i where i.programme_id = ${alias}.id and i.archived_at is null ` +
    `and i.starts_on >= ? and i.places_taken < i.places${atVenue} and ${intakeVisibleSql('i', `${alias}.owner_id`)})`;
  return { [raw(sql, [...params, grants.param, grants.param])]: [] };
}
