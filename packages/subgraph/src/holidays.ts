/**
 * Public holidays of the 16 Länder, from feiertagejs (MIT, maintained, all Länder), chosen by the official
 * municipality key (AGS): its first two digits are the Land. The few gaps of the library are corrected
 * here and named in docs/usage.md; what the library cannot know (holidays of single municipalities in
 * Bavaria, Saxony and Thuringia) is documented, not guessed.
 */
import type * as Feiertage from 'feiertagejs' with { 'resolution-mode': 'import' };

// feiertagejs's main entry is a CommonJS (UMD) build, but its types are declared as an ES module, which a
// CommonJS package cannot `import`: the types come from the declaration, the code from `require`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const feiertage = require('feiertagejs') as typeof Feiertage;

/** The Länder by the first two digits of the AGS, as the two letters of their ISO 3166-2 code (DE-XX). */
export const LAND_BY_KEY_PREFIX = {
  '01': 'SH',
  '02': 'HH',
  '03': 'NI',
  '04': 'HB',
  '05': 'NW',
  '06': 'HE',
  '07': 'RP',
  '08': 'BW',
  '09': 'BY',
  '10': 'SL',
  '11': 'BE',
  '12': 'BB',
  '13': 'MV',
  '14': 'SN',
  '15': 'ST',
  '16': 'TH',
} as const;

/** A Land: the two letters of its ISO 3166-2 code, e.g. `NW` for DE-NW (North Rhine-Westphalia). */
export type Land = (typeof LAND_BY_KEY_PREFIX)[keyof typeof LAND_BY_KEY_PREFIX];

/** The 16 Länder in the order of their keys (01 Schleswig-Holstein … 16 Thuringia). */
export const LANDS: readonly Land[] = Object.entries(LAND_BY_KEY_PREFIX)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([, land]) => land);

/** The city of Augsburg, whose Augsburger Friedensfest (8 August) is a public holiday there only. */
const AUGSBURG_KEY = '09761000';

/**
 * Whose public holidays count: a Land, optionally narrowed to one municipality (its AGS), or `null` for
 * a place without a key: then only the nine holidays of every Land count.
 */
export interface HolidayRegion {
  land: Land;
  /** The 8-digit AGS when the place is a municipality (only Augsburg differs from its Land today). */
  municipalityKey?: string;
}

/**
 * The holiday region of an official key: an AGS (8 digits), or a Kreis (5), Regierungsbezirk (3) or Land
 * (2) key, whose first two digits name the Land. `null` for no key or one that names no Land.
 */
export function holidayRegionOfKey(key: string | null | undefined): HolidayRegion | null {
  if (!key || !/^\d{2,12}$/.test(key)) return null;
  const land = (LAND_BY_KEY_PREFIX as Record<string, Land>)[key.slice(0, 2)];
  if (!land) return null;
  return key.length === 8 ? { land, municipalityKey: key } : { land };
}

/**
 * The holiday region of an area given by official keys (e.g. an organisation's municipality keys): their
 * Land when every key names the same one (one key: narrowed to it, as `holidayRegionOfKey`), else `null`.
 */
export function holidayRegionOfKeys(keys: readonly string[] | null | undefined): HolidayRegion | null {
  const regions = (keys ?? []).map(holidayRegionOfKey);
  const first = regions[0];
  if (!first || regions.some((region) => region?.land !== first.land)) return null;
  return regions.length === 1 ? first : { land: first.land };
}

export interface HolidayDate {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** German name, e.g. `Fronleichnam`. */
  name: string;
}

/** Holidays feiertagejs does not know, as fixed one-off dates per Land. */
const ONE_OFF: readonly (HolidayDate & { land: Land })[] = [
  // Berlin: 75th and 80th anniversary of the end of the Second World War, each by a law for that year only.
  { land: 'BE', date: '2020-05-08', name: 'Tag der Befreiung' },
  { land: 'BE', date: '2025-05-08', name: 'Tag der Befreiung' },
];

/** Länder where feiertagejs has Reformationstag in every year, but the law made it a holiday only from 2018 (2017 was nationwide). */
const REFORMATIONSTAG_SINCE_2018: readonly Land[] = ['HB', 'HH', 'NI', 'SH'];

/**
 * The years the rules hold for: from 1995 (when Buß- und Bettag stopped being a holiday outside Saxony)
 * on the Länder's laws as they are now.
 */
export const HOLIDAY_YEARS = { min: 1995, max: 2199 } as const;

const cache = new Map<string, HolidayDate[]>();

/**
 * The public holidays in `year` of a region (see {@link holidayRegionOfKey}), sorted by date; with
 * `null`, the nine holidays of every Land (New Year, Good Friday, Easter Monday, 1 May, Ascension, Whit
 * Monday, 3 October, 25 and 26 December).
 */
export function publicHolidays(year: number, region: HolidayRegion | null): readonly HolidayDate[] {
  const libraryRegion: Feiertage.Region = !region ? 'BUND' : region.municipalityKey === AUGSBURG_KEY ? 'AUGSBURG' : region.land;
  const cacheKey = `${year}:${libraryRegion}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const list = feiertage
    .getHolidays(year, libraryRegion)
    .filter((holiday) => {
      if (holiday.name !== 'REFORMATIONSTAG' || !region) return true;
      return year >= 2017 || !REFORMATIONSTAG_SINCE_2018.includes(region.land);
    })
    .map((holiday) => ({ date: holiday.dateString, name: holiday.translate('de') ?? holiday.name }));
  for (const extra of ONE_OFF) {
    if (region && extra.land === region.land && extra.date.startsWith(`${year}-`)) list.push({ date: extra.date, name: extra.name });
  }
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (cache.size > 2_000) cache.clear();
  cache.set(cacheKey, list);
  return list;
}

/** Whether local date `date` (YYYY-MM-DD) is a public holiday of the region (`null`: of every Land). */
export function isPublicHoliday(date: string, region: HolidayRegion | null): boolean {
  return publicHolidays(Number(date.slice(0, 4)), region).some((holiday) => holiday.date === date);
}
