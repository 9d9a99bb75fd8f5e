import DataLoader from 'dataloader';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Intake } from './intake.entity';

/**
 * Upcoming intakes (starting `today` or later, Europe/Berlin; not archived; of a programme not archived)
 * grouped by `keyOf`: one statement for all parents of a request. The programme comes in the same
 * statement (joined), so `Intake.programme` and filters by kind need no further query.
 */
function createUpcomingIntakesLoader(
  em: EntityManager,
  today: string,
  keyOf: (intake: Intake) => string,
  where: (keys: string[]) => FilterQuery<Intake>,
) {
  return new DataLoader<string, Intake[]>(async (keys) => {
    const rows = await em.find(
      Intake,
      // Archived intakes are left out by the `live` filter; it does not reach a condition on the programme: said here.
      { $and: [where([...keys]), { startsOn: { $gte: today }, programme: { archivedAt: null } }] },
      { populate: ['programme'], orderBy: { startsOn: 'asc', id: 'asc' } },
    );
    const groups = new Map<string, Intake[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The upcoming intakes of each programme. */
export const createUpcomingIntakesByProgrammeLoader = (em: EntityManager, today: string) =>
  createUpcomingIntakesLoader(
    em,
    today,
    (intake) => intake.programme.id,
    (ids) => ({ programme: { $in: ids } }),
  );

/** The upcoming intakes at each location (venue). */
export const createUpcomingIntakesByVenueLoader = (em: EntityManager, today: string) =>
  createUpcomingIntakesLoader(
    em,
    today,
    (intake) => intake.venueId,
    (ids) => ({ venueId: { $in: ids } }),
  );

/**
 * The free places of all upcoming intakes at each location (venue), summed in PostgreSQL: one statement
 * for all locations of a request, and no intake is built as an entity — dashboards ask for this number
 * on every site, and building each intake and its programme was most of this subgraph's work for them.
 * The same rules as the upcoming-intakes loaders: from `today`, not archived, of a programme not archived.
 */
export const createProgrammePlacesByVenueLoader = (em: EntityManager, today: string) =>
  new DataLoader<string, number>(async (venueIds) => {
    // Raw SQL: the `live` filter does not reach it, so both archive conditions are written out.
    const rows = await em.execute<{ venue_id: string; free: number }[]>(
      `select i.venue_id, sum(greatest(i.places - i.places_taken, 0))::int as free
         from intake i join programme p on p.id = i.programme_id
        where i.venue_id in (${venueIds.map(() => '?').join(', ')}) and i.starts_on >= ? and i.archived_at is null and p.archived_at is null
        group by i.venue_id`,
      [...venueIds, today],
    );
    const free = new Map(rows.map((row) => [row.venue_id, Number(row.free)]));
    return venueIds.map((id) => free.get(id) ?? 0);
  });
