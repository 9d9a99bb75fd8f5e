import { type EntityClass, ReferenceKind } from '@mikro-orm/core';
import { createRowMapper, type Row } from '@jobcenter-hub/subgraph';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createLocationsOrmConfig } from '../src/mikro-orm.config';
import { District } from '../src/modules/district/district.entity';
import { DistrictIndicator } from '../src/modules/district-indicator/district-indicator.entity';
import { Location } from '../src/modules/location/location.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

const subgraph = useTestSubgraph({ database: 'locations_rows', createConfig: createLocationsOrmConfig, seed: seedIfEmpty, createServer });

// The read paths map rows with `createRowMapper`, the writes hydrate entities: both must give every
// field the same value (a many-to-one compared by its id, a missing value as null).
describe('plain rows of the locations subgraph', () => {
  it.each([
    ['Location', Location],
    ['District', District],
    ['DistrictIndicator', DistrictIndicator],
  ] as [string, EntityClass<{ id: string }>][])('%s: the same fields as the hydrated entity', async (_name, entity) => {
    const em = subgraph.orm.em.fork();
    const meta = em.getMetadata().get(entity.name);
    const fields = (record: Record<string, unknown>) =>
      Object.fromEntries(
        meta.props
          .filter((prop) => !prop.embedded && [ReferenceKind.SCALAR, ReferenceKind.EMBEDDED, ReferenceKind.MANY_TO_ONE].includes(prop.kind))
          .map((prop) => {
            const value = record[prop.name] as { id?: string } | null | undefined;
            if (prop.kind === ReferenceKind.MANY_TO_ONE) return [prop.name, value?.id ?? null];
            if (prop.kind === ReferenceKind.EMBEDDED)
              return [prop.name, value == null ? null : { class: value.constructor.name, ...value }];
            return [prop.name, value ?? null];
          }),
      );
    const entities = await em.find(entity, {}, { filters: false, orderBy: { id: 'asc' } });
    const map = createRowMapper(em, entity);
    const rows = (await em.execute<Row[]>(`select * from "${meta.tableName}" order by id`)).map(map);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row instanceof entity)).toBe(true);
    expect(rows.map(fields)).toEqual(entities.map((record) => fields(record as unknown as Record<string, unknown>)));
    if (entity === DistrictIndicator) {
      expect(rows.some((row) => (row as DistrictIndicator).populationSource === null)).toBe(true);
      expect(rows.map((row) => (row as DistrictIndicator).benefitRate)).toEqual(
        entities.map((record) => (record as DistrictIndicator).benefitRate),
      );
    }
  });
});
