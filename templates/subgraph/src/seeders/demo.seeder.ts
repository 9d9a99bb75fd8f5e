import type { EntityManager } from '@mikro-orm/postgresql';
import { demo } from '@jobcenter-hub/demo';
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

/** Writes the demo records in one transaction when the database has none yet. Returns whether it wrote. */
export async function seedIfEmpty(em: EntityManager): Promise<boolean> {
  if ((await em.count(__Entity__, {})) > 0) return false;
  await em.transactional(async (tx) => {
    for (const seed of demo__Entities__()) tx.create(__Entity__, seed);
  });
  return true;
}
