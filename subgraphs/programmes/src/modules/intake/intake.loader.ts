import DataLoader from 'dataloader';
import { raw } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { perFilter, type Grants, textArray } from '@jobcenter-hub/subgraph';
import { intakeVisibleSql, programmeOwnerOf } from '../programme/programme.queries';
import { Intake } from './intake.entity';

/**
 * Upcoming intakes (starting `today` or later, Europe/Berlin; not archived; of a programme not archived)
 * grouped by `keyOf`: one statement for all parents of a request. The programme comes in the same
 * statement (joined), so `Intake.programme` and filters by kind need no further query.
 */
function createUpcomingIntakesLoader(
  em: EntityManager,
  today: string,
  grants: Grants,
  keyOf: (intake: Intake) => string,
  where: (keys: string[]) => FilterQuery<Intake>,
) {
  return new DataLoader<string, Intake[]>(async (keys) => {
    const rows = await em.find(
      Intake,
      // Archived intakes are left out by the `live` filter; it does not reach a condition on the programme: said here.
      {
        $and: [
          where([...keys]),
          { startsOn: { $gte: today }, programme: { archivedAt: null } },
          // The venue's and the programme's owners let the intake show (own or granted).
          { [raw((alias: string) => intakeVisibleSql(alias, programmeOwnerOf(alias)), [grants.param, grants.param])]: [] },
        ],
      },
      { populate: ['programme'], orderBy: { startsOn: 'asc', id: 'asc' } },
    );
    const groups = new Map<string, Intake[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The upcoming intakes of each programme (one loader per request: the filter is its `Grants`). */
export const createUpcomingIntakesByProgrammeLoaders = (em: EntityManager, today: string) =>
  perFilter((grants: Grants) =>
    createUpcomingIntakesLoader(
      em,
      today,
      grants,
      (intake) => intake.programme.id,
      (ids) => ({ programme: { $in: ids } }),
    ),
  );

/** The upcoming intakes at each location (venue). */
export const createUpcomingIntakesByVenueLoaders = (em: EntityManager, today: string) =>
  perFilter((grants: Grants) =>
    createUpcomingIntakesLoader(
      em,
      today,
      grants,
      (intake) => intake.venueId,
      (ids) => ({ venueId: { $in: ids } }),
    ),
  );

/** The places of the upcoming intakes at one venue, together. */
export interface VenuePlaces {
  /** Upcoming intakes. */
  intakes: number;
  /** Places offered. */
  places: number;
  /** Places still open (each intake's never below 0). */
  free: number;
}

/**
 * The places of all upcoming intakes at each location (venue), summed in PostgreSQL: one statement for
 * all locations of a request, and no intake is built as an entity — dashboards ask for this on every
 * site, and building each intake and its programme was most of this subgraph's work for them. The same
 * rules as the upcoming-intakes loaders: from `today`, not archived, of a programme not archived, and
 * shown only while the venue's and the programme's owners let the intake show.
 */
export const createProgrammePlacesByVenueLoaders = (em: EntityManager, today: string) =>
  perFilter(
    (grants: Grants) =>
      new DataLoader<string, VenuePlaces>(async (venueIds) => {
        // Raw SQL: the `live` filter does not reach it, so both archive conditions are written out.
        const rows = await em.execute<{ venue_id: string; intakes: number; places: number; free: number }[]>(
          `select i.venue_id, count(*)::int as intakes, sum(i.places)::int as places, sum(greatest(i.places - i.places_taken, 0))::int as free
             from intake i join programme p on p.id = i.programme_id
            where i.venue_id = any(?::text[]) and i.starts_on >= ? and i.archived_at is null and p.archived_at is null
              and ${intakeVisibleSql('i', 'p.owner_id')}
            group by i.venue_id`,
          [textArray(venueIds), today, grants.param, grants.param],
        );
        const byVenue = new Map(rows.map((row) => [row.venue_id, row]));
        return venueIds.map((id) => {
          const row = byVenue.get(id);
          return { intakes: Number(row?.intakes ?? 0), places: Number(row?.places ?? 0), free: Number(row?.free ?? 0) };
        });
      }),
  );
