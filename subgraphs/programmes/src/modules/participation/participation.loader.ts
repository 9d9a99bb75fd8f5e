import DataLoader from 'dataloader';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createGroupLoader, perFilter, type Grants, textArray } from '@jobcenter-hub/subgraph';
import { intakeVisibleSql, operatorVisibleSql, programmeOwnerOf } from '../programme/programme.queries';
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
          // Raw SQL, only the columns the sums need, no entities: the `live` filter does not reach it, so
          // both archive conditions are written out.
          const figures = await em.execute<OperatorFigure[]>(
            `select p.operator_id as "operatorId", f.year, f.programme_id as "programmeId", f.venue_id as "venueId", f.participants
               from participation f join programme p on p.id = f.programme_id
              where f.year = any(?::int[]) and p.operator_id = any(?::text[]) and f.archived_at is null and p.archived_at is null
                and ${intakeVisibleSql('f', 'p.owner_id', true)} and ${operatorVisibleSql('p')}`,
            [
              `{${[...new Set(keys.map((key) => key.year))].join(',')}}`,
              textArray([...new Set(keys.map((key) => key.operatorId))]),
              grants.param,
              grants.param,
              grants.param,
            ],
          );
          return keys.map(({ operatorId, year }) =>
            totalParticipants(figures.filter((figure) => figure.year === year && figure.operatorId === operatorId)),
          );
        },
        { cacheKeyFn: (key) => `${key.year}:${key.operatorId}` },
      ),
  );

/** What `Organisation.participants` sums of a participation figure. */
interface OperatorFigure {
  operatorId: string;
  year: number;
  programmeId: string;
  venueId: string | null;
  participants: number;
}

/**
 * The participants of several programmes in one year: per programme its all-venues figure when there
 * is one, else the sum of its per-venue figures (so a total and its breakdown are never counted twice).
 * Null when there is no figure at all.
 */
export function totalParticipants(figures: readonly Pick<OperatorFigure, 'programmeId' | 'venueId' | 'participants'>[]): number | null {
  if (figures.length === 0) return null;
  const byProgramme = new Map<string, (typeof figures)[number][]>();
  for (const figure of figures) byProgramme.set(figure.programmeId, [...(byProgramme.get(figure.programmeId) ?? []), figure]);
  let total = 0;
  for (const group of byProgramme.values()) {
    const allVenues = group.find((figure) => !figure.venueId);
    total += allVenues ? allVenues.participants : group.reduce((sum, figure) => sum + figure.participants, 0);
  }
  return total;
}
