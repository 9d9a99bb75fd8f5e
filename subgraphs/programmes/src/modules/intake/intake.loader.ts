import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createRowMapper, perFilter, type Grants, type Row, textArray } from '@jobcenter-hub/subgraph';
import { Programme } from '../programme/programme.entity';
import { intakeVisibleSql } from '../programme/programme.queries';
import { Intake } from './intake.entity';

/**
 * Upcoming intakes (starting `today` or later, Europe/Berlin; not archived; of a programme not archived)
 * at or of the keys in column `keyColumn`, grouped by `keyOf`: one statement for all parents of a
 * request. The programme comes in the same statement (joined, as JSON, on the first of its intakes
 * only: a dashboard's programmes have a few intakes each, and parsing each programme's JSON again on
 * every intake row was most of the statement's work in Node), so `Intake.programme` and filters by kind
 * need no further query. Only read, so mapped to plain intakes and programmes (`createRowMapper`), not
 * entities: building them was most of this subgraph's work for the dashboards.
 */
function createUpcomingIntakesLoader(
  em: EntityManager,
  today: string,
  grants: Grants,
  keyOf: (intake: Intake) => string,
  keyColumn: 'programme_id' | 'venue_id',
) {
  const mapIntake = createRowMapper(em, Intake);
  const mapProgramme = createRowMapper(em, Programme);
  return new DataLoader<string, Intake[]>(async (keys) => {
    // Raw SQL: the `live` filter does not reach it, so both archive conditions are written out.
    const rows = await em.execute<Row[]>(
      `select i.*, case when row_number() over (partition by i.programme_id) = 1 then to_jsonb(p) end as joined_programme
         from intake i join programme p on p.id = i.programme_id
        where i.${keyColumn} = any(?::text[]) and i.starts_on >= ? and i.archived_at is null and p.archived_at is null
          and ${intakeVisibleSql('i', 'p.owner_id')}
        order by i.starts_on asc, i.id asc`,
      [textArray(keys), today, grants.param, grants.param],
    );
    // Each programme is mapped once, from the one row that carries it, and shared by its intakes.
    const programmes = new Map<string, Programme>();
    for (const row of rows) {
      if (row.joined_programme) programmes.set(row.programme_id as string, mapProgramme(row.joined_programme as Row));
    }
    const groups = new Map<string, Intake[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const intake = mapIntake(row); // leaves `joined_programme` out
      intake.programme = programmes.get(row.programme_id as string)!;
      groups.get(keyOf(intake))?.push(intake);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The upcoming intakes of each programme (one loader per request: the filter is its `Grants`). */
export const createUpcomingIntakesByProgrammeLoaders = (em: EntityManager, today: string) =>
  perFilter((grants: Grants) => createUpcomingIntakesLoader(em, today, grants, (intake) => intake.programme.id, 'programme_id'));

/** The upcoming intakes at each location (venue). */
export const createUpcomingIntakesByVenueLoaders = (em: EntityManager, today: string) =>
  perFilter((grants: Grants) => createUpcomingIntakesLoader(em, today, grants, (intake) => intake.venueId, 'venue_id'));

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
