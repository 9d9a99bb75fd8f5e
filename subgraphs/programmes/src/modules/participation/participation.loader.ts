import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader } from '@jobcenter-hub/subgraph';
import { Participation } from './participation.entity';

/**
 * The participation figures of each programme, all years and venues (one per year and venue, so the
 * group stays small): one statement for all programmes of a request. Archived figures are left out by
 * the `live` filter.
 */
export const createParticipationByProgrammeLoader = (em: EntityManager) =>
  createGroupLoader(
    em,
    Participation,
    (figure) => figure.programme.id,
    (ids) => ({ programme: { $in: ids } }),
    {
      year: 'asc',
      id: 'asc',
    },
  );

/**
 * How many people took part in one year in the programmes an organisation operates, for each
 * (organisation, year) of a request: one statement (figures joined with their programmes) for all.
 * Null when none of its programmes has a figure for that year.
 */
export const createParticipantsByOperatorLoader = (em: EntityManager) =>
  new DataLoader<{ operatorId: string; year: number }, number | null, string>(
    async (keys) => {
      const figures = await em.find(
        Participation,
        {
          year: { $in: [...new Set(keys.map((key) => key.year))] },
          // Archived figures are left out by the `live` filter; it does not reach a condition on the programme: said here.
          programme: { operatorId: { $in: [...new Set(keys.map((key) => key.operatorId))] }, archivedAt: null },
        },
        { populate: ['programme'] },
      );
      return keys.map(({ operatorId, year }) =>
        totalParticipants(figures.filter((figure) => figure.year === year && figure.programme.operatorId === operatorId)),
      );
    },
    { cacheKeyFn: (key) => `${key.year}:${key.operatorId}` },
  );

/**
 * The participants of several programmes in one year: per programme its all-venues figure when there
 * is one, else the sum of its per-venue figures (so a total and its breakdown are never counted twice).
 * Null when there is no figure at all.
 */
export function totalParticipants(figures: readonly Participation[]): number | null {
  if (figures.length === 0) return null;
  const byProgramme = new Map<string, Participation[]>();
  for (const figure of figures) byProgramme.set(figure.programme.id, [...(byProgramme.get(figure.programme.id) ?? []), figure]);
  let total = 0;
  for (const group of byProgramme.values()) {
    const allVenues = group.find((figure) => !figure.venueId);
    total += allVenues ? allVenues.participants : group.reduce((sum, figure) => sum + figure.participants, 0);
  }
  return total;
}
