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
      { $and: [where([...keys]), { startsOn: { $gte: today }, archivedAt: null, programme: { archivedAt: null } }] },
      { populate: ['programme'], orderBy: { startsOn: 'asc', id: 'asc' } },
    );
    const groups = new Map<string, Intake[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The upcoming intakes of each programme. */
export const createUpcomingIntakesByProgrammeLoader = (em: EntityManager, today: string) =>
  createUpcomingIntakesLoader(em, today, (intake) => intake.programme.id, (ids) => ({ programme: { $in: ids } }));

/** The upcoming intakes at each location (venue). */
export const createUpcomingIntakesByVenueLoader = (em: EntityManager, today: string) =>
  createUpcomingIntakesLoader(em, today, (intake) => intake.venueId, (ids) => ({ venueId: { $in: ids } }));
