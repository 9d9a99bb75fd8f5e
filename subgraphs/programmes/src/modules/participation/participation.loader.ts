import DataLoader from 'dataloader';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader, perFilter, type Grants, grantedSql } from '@jobcenter-hub/subgraph';
import { intakeVisibleSql, programmeOwnerOf } from '../programme/programme.queries';
import { Participation } from './participation.entity';

/**
 * A figure condition for `em.find`: its venue's owner (when it has a venue) and its programme's owner let
 * it show (own or granted). A raw fragment, good for one statement.
 */
const figureVisible = (grants: Grants) => ({
  [raw((alias: string) => intakeVisibleSql(alias, programmeOwnerOf(alias), true), [grants.param, grants.param])]: [],
});

/**
 * The participation figures of each programme, all years and venues (one per year and venue, so the
 * group stays small): one statement for all programmes of a request. Archived figures are left out by
 * the `live` filter, figures whose venue's or programme's owner does not let them show by `figureVisible`.
 */
export const createParticipationByProgrammeLoaders = (em: EntityManager) =>
  perFilter((grants: Grants) =>
    createGroupLoader(
      em,
      Participation,
      (figure) => figure.programme.id,
      (ids) => ({ $and: [{ programme: { $in: ids } }, figureVisible(grants)] }),
      {
        year: 'asc',
        id: 'asc',
      },
    ),
  );

/**
 * How many people took part in one year in the programmes an organisation operates, for each
 * (organisation, year) of a request: one statement (figures joined with their programmes) for all.
 * Null when none of its programmes has a figure for that year. Counts what `Organisation.programmes` and
 * `Programme.participation` show: programmes whose operator's owner lets them show, figures whose venue's
 * and programme's owners let them.
 */
export const createParticipantsByOperatorLoaders = (em: EntityManager) =>
  perFilter(
    (grants: Grants) =>
      new DataLoader<{ operatorId: string; year: number }, number | null, string>(
        async (keys) => {
          const figures = await em.find(
            Participation,
            {
              $and: [
                {
                  year: { $in: [...new Set(keys.map((key) => key.year))] },
                  // Archived figures are left out by the `live` filter; it does not reach a condition on the programme: said here.
                  programme: { operatorId: { $in: [...new Set(keys.map((key) => key.operatorId))] }, archivedAt: null },
                },
                figureVisible(grants),
                {
                  [raw(
                    (alias: string) =>
                      `exists (select 1 from programme as run where run.id = ${alias}.programme_id and ${grantedSql('run.owner_id', 'run.operator_owner_id')})`,
                    [grants.param],
                  )]: [],
                },
              ],
            },
            { populate: ['programme'] },
          );
          return keys.map(({ operatorId, year }) =>
            totalParticipants(figures.filter((figure) => figure.year === year && figure.programme.operatorId === operatorId)),
          );
        },
        { cacheKeyFn: (key) => `${key.year}:${key.operatorId}` },
      ),
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
