import { execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createLocationsOrmConfig } from '../src/mikro-orm.config';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

// Date-times are range-checked in one place (packages/subgraph/src/input-rules.ts), whichever field
// takes them: years outside 1900–2100 are BAD_USER_INPUT, never a RangeError of the schedule code.

const subgraph = useTestSubgraph({
  database: 'locations_input',
  createConfig: createLocationsOrmConfig,
  seed: seedIfEmpty,
  createServer,
});

const NEAR = `query ($at: DateTimeISO) { locationsNear(latitude: 51.96, longitude: 7.63, radiusKm: 20, openAt: $at) { totalCount } }`;
const SITE_OPEN_AT = `query ($at: DateTimeISO!) { location(id: "loc-jcre-zentrale") { openingHours { openAt(time: $at) } } }`;

describe('date-times are range-checked before the schedule code', () => {
  it.each(['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2101-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])(
    'locationsNear(openAt: %s) is BAD_USER_INPUT openAt, before any SQL',
    async (at) => {
      const result = await execute(subgraph.parts, NEAR, { at });
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.argument).toBe('openAt');
      expect(result.statements).toBe(0);
    },
  );

  it('the same for a literal', async () => {
    const result = await execute(
      subgraph.parts,
      `{ locationsNear(latitude: 51.96, longitude: 7.63, radiusKm: 20, openAt: "0000-01-01T00:00:00Z") { totalCount } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'openAt' });
  });

  it('Schedule.openAt(time:) refuses the year 0 on the field, and still answers in range', async () => {
    const refused = await execute(subgraph.parts, SITE_OPEN_AT, { at: '0000-01-01T00:00:00Z' });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0]?.extensions?.argument).toBe('time');
    const answered = await execute<{ location: { openingHours: { openAt: boolean } } }>(subgraph.parts, SITE_OPEN_AT, {
      at: '2026-11-26T09:00:00Z',
    });
    expect(answered.errors).toBeUndefined();
    expect(typeof answered.data!.location.openingHours.openAt).toBe('boolean');
  });

  it('a date-time in range still filters', async () => {
    const result = await execute(subgraph.parts, NEAR, { at: '2026-11-26T09:00:00Z' });
    expect(result.errors).toBeUndefined();
  });
});

describe('numbers PostgreSQL cannot store are refused', () => {
  it('a subnormal radius (5e-324) is BAD_USER_INPUT radiusKm, before any SQL', async () => {
    const result = await execute(
      subgraph.parts,
      `query ($r: Float!) { locationsNear(latitude: 51.96, longitude: 7.63, radiusKm: $r) { totalCount } }`,
      {
        r: 5e-324,
      },
    );
    expect(result.errors?.map((error) => [error.extensions?.code, error.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'radiusKm']]);
    expect(result.statements).toBe(0);
  });
});
