import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity';

/**
 * How well a Jobcenter's area (`municipalityKeys`) covers official key `key`: 0 it lists the key, 1 it
 * lists a shorter key the district lies in (a Kreis key `05562` for the Gemeinde `05562032`), 2 it lists
 * a Gemeinde of the same Kreis (Jobcenter areas follow the Kreise), or, for a Kreis, one of its
 * Gemeinden; null: not at all.
 */
export function coverage(key: string, municipalityKeys: readonly string[]): number | null {
  let best: number | null = null;
  for (const listed of municipalityKeys) {
    if (!listed) continue;
    const rank = listed === key ? 0 : key.startsWith(listed) ? 1 : key.length >= 5 && listed.slice(0, 5) === key.slice(0, 5) ? 2 : null;
    if (rank !== null && (best === null || rank < best)) best = rank;
  }
  return best;
}

/**
 * The Jobcenter responsible for each official key (Kreis, Gemeinde): one statement per request for all
 * keys asked, the live Jobcenters whose area lists a key of the same Kreis; the best `coverage` wins
 * (then the smaller id). Keys shorter than a Kreis's (Land, Regierungsbezirk) have none.
 */
export const createJobcenterByKeyLoader = (em: EntityManager) =>
  new DataLoader<string, Organisation | null>(async (keys) => {
    const kreise = [...new Set(keys.filter((key) => key.length >= 5).map((key) => key.slice(0, 5)))];
    const jobcenters =
      kreise.length === 0
        ? []
        : await em.find(
            Organisation,
            {
              kind: OrganisationKind.JOBCENTER,
              [raw((alias: string) => `exists (select 1 from unnest(${alias}.municipality_keys) k where left(k, 5) in (?))`, [kreise])]: [],
            },
            { orderBy: { id: 'asc' } },
          );
    return keys.map((key) => {
      let best: { jobcenter: Organisation; rank: number } | null = null;
      for (const jobcenter of jobcenters) {
        const rank = key.length >= 5 ? coverage(key, jobcenter.municipalityKeys) : null;
        if (rank !== null && (!best || rank < best.rank)) best = { jobcenter, rank };
      }
      return best?.jobcenter ?? null;
    });
  });
