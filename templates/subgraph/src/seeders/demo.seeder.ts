import type { EntityManager } from '@mikro-orm/postgresql';
import { demo } from '@jobcenter-hub/demo';
import { WITH_ARCHIVED } from '@jobcenter-hub/subgraph';
import { __Entity__ } from '../modules/__entityFile__/__entityFile__.entity';

/**
 * The demo records: one in each of Münster's city districts, with the district ids the locations
 * subgraph uses (from the kit), so the gateway joins them. Invented, and marked ILLUSTRATIVE: replace
 * them with your department's data.
 */
export function demo__Entities__() {
  return demo.MUENSTER_DISTRICTS.map((district) => ({
    id: `__name__-${district.slug}`,
    name: `__EntityTitle__ ${district.name}`,
    districtId: demo.demoIds.district(district.slug),
    ownerId: demo.demoIds.stadtMuenster,
    source: demo.illustrative('a demo record of the subgraph template'),
  }));
}

/**
 * Writes the demo records in one transaction when the database has none yet (archived ones count), and
 * only when SEED_DEMO_DATA is not false (runSubgraph checks it). Returns whether it wrote. Your real
 * records come in through the write API (`npm run import`, see the guide), never through here: a
 * database that has them is left alone, and so is one after `demo__Entities__` returns none.
 */
export async function seedIfEmpty(em: EntityManager): Promise<boolean> {
  const seeds = demo__Entities__();
  if (seeds.length === 0 || (await em.count(__Entity__, {}, WITH_ARCHIVED)) > 0) return false;
  await em.transactional(async (tx) => {
    for (const seed of seeds) tx.create(__Entity__, seed);
  });
  return true;
}
