import { join } from 'node:path';
import { readShippedGermany } from '../../../scripts/src/lib/germany/read';
import { demoServiceAreas } from '../../../subgraphs/locations/src/seeders/demo.seeder';
import { demo } from '../src';

// The demo's public facts checked against the public files the repository ships (data/germany/): the
// Destatis municipality register (keys, names, 2019 populations), the Zensus 2022 and the OpenStreetMap
// postcode table.
const germany = readShippedGermany(join(__dirname, '..', '..', '..'));
const register = new Map(germany.register.map((area) => [area.key, area]));
const census = new Map(germany.census.map((row) => [row.ags, row]));
const postcodesOf = (ags: string) => germany.postcodes.filter((row) => row.ags === ags).map((row) => row.postcode);
const gemeindenOf = (postcode: string) => new Set(germany.postcodes.filter((row) => row.postcode === postcode).map((row) => row.ags));

describe('demo facts against the public registers', () => {
  it("has Kreis Recklinghausen's ten cities with their keys, names and 2019 populations, and no other", () => {
    const cities = germany.register.filter((area) => area.level === 'MUNICIPALITY' && area.key.startsWith('05562'));
    expect(cities.map((city) => city.key).sort()).toEqual(demo.RECKLINGHAUSEN_CITIES.map((city) => city.ags).sort());
    for (const city of demo.RECKLINGHAUSEN_CITIES) {
      const area = register.get(city.ags!)!;
      expect({ ags: city.ags, name: area.name.replace(/, Stadt$/, ''), population: area.population }).toEqual({
        ags: city.ags,
        name: city.name,
        population: city.population2019,
      });
    }
  });

  it("has Münster's key, its 2019 population and its Zensus 2022 population", () => {
    const area = register.get(demo.MUENSTER.ags!)!;
    expect(area).toMatchObject({ name: 'Münster, Stadt', level: 'MUNICIPALITY', population: demo.MUENSTER.population2019 });
    expect(census.get(demo.MUENSTER.ags!)!.population).toBe(demo.MUENSTER_POPULATION_ZENSUS_2022);
  });

  it('gives each place a postcode of its own, within that Gemeinde only', () => {
    for (const place of [...demo.RECKLINGHAUSEN_CITIES, demo.MUENSTER, ...demo.MUENSTER_DISTRICTS, ...demo.MUENSTER_BRANCHES]) {
      const ags = 'ags' in place && place.ags ? place.ags : demo.MUENSTER.ags!;
      expect({ place: place.name, postcode: place.postcode, gemeinden: [...gemeindenOf(place.postcode)] }).toEqual({
        place: place.name,
        postcode: place.postcode,
        gemeinden: [ags],
      });
    }
  });

  it("lets the demo's service areas cover exactly every postcode of each city", () => {
    const areas = demoServiceAreas();
    const covered = (districts: (district: string) => boolean) =>
      areas.filter((area) => districts(area.district)).flatMap((area) => area.postcodes);
    for (const city of demo.RECKLINGHAUSEN_CITIES) {
      expect(covered((district) => district === city.slug).sort()).toEqual(postcodesOf(city.ags!).sort());
    }
    const muenster = covered((district) => district.startsWith('muenster-'));
    // 48157 is served by two branch offices (Coerde and Ost): the demo's invented split.
    expect([...new Set(muenster)].sort()).toEqual(postcodesOf(demo.MUENSTER.ags!).sort());
    expect(muenster).toHaveLength(14);
  });
});
