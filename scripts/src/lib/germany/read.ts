import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Readers of the public reference files in `data/germany/` (see its SOURCES.md): the Destatis
 * municipality register (Gemeindeverzeichnis, "Auszug GV"), the Zensus 2022 population per Gemeinde and
 * the OpenStreetMap postcode ↔ Gemeinde table. They check every line and name the first one that is
 * wrong (`GermanyFileError`), so an import of a broken file stops before it writes anything.
 */

/** The levels of the register the hub keeps, as the locations subgraph's `DistrictKind` names them. */
export type GermanyLevel =
  'STATE' | 'ADMINISTRATIVE_REGION' | 'DISTRICT_COUNTY' | 'INDEPENDENT_CITY' | 'MUNICIPALITY' | 'UNINCORPORATED_AREA';

/** One Land, Regierungsbezirk, Kreis / kreisfreie Stadt or Gemeinde of the register. */
export interface RegisterArea {
  /** Official key: Land 2 digits, Regierungsbezirk 3, Kreis 5, Gemeinde 8 (the AGS). */
  key: string;
  level: GermanyLevel;
  /** As the register writes it, e.g. "Münster, Stadt". */
  name: string;
  /** The key of the area one level up (Regierungsbezirk or, where a Land has none, the Land). */
  parentKey: string | null;
  areaKm2: number | null;
  /** Inhabitants on the register's population date (Gemeinden only; the levels above are sums). */
  population: number | null;
  /** The town hall's postcode (Gemeinden). */
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The line of the file it came from (1 = the header). */
  line: number;
}

export interface CensusRow {
  /** The 8-digit AGS (first 5 + last 3 digits of the 12-digit regional key). */
  ags: string;
  name: string;
  population: number;
  line: number;
}

export interface PostcodeRow {
  postcode: string;
  ags: string;
  /** The place name OpenStreetMap gives the postcode in this Gemeinde. */
  place: string;
  line: number;
}

export interface GermanyData {
  register: RegisterArea[];
  census: CensusRow[];
  postcodes: PostcodeRow[];
}

/** A file the import cannot read: which file, which line (1 = the header) and what is wrong. */
export class GermanyFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}, line ${line}: ${problem}`);
  }
}

/** The shipped files, relative to the repository root. */
export const SHIPPED_FILES = {
  register: 'data/germany/destatis-gv-auszug-2020.csv.gz',
  census: 'data/germany/zensus-2022-gemeinden.csv.gz',
  postcodes: 'data/germany/osm-plz-gemeinde-2021.csv.gz',
} as const;

/** Reads a file as UTF-8 text, gunzipped when it ends in `.gz`, without a byte-order mark. */
export function readText(path: string): string {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits one CSV line (comma-separated, `"` quotes with `""` inside); null when a quote is not closed. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/**
 * The rows of a CSV text as objects keyed by the header's column names, each with its line number.
 * Every column of `required` must be in the header; every line must have as many fields as the header.
 */
function readCsv(text: string, file: string, required: readonly string[]): { row: Record<string, string>; line: number }[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '');
  if (!header || header.length < 2) throw new GermanyFileError(file, 1, 'no header line of comma-separated column names');
  const names = header.map((name) => name.trim());
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new GermanyFileError(file, 1, `the header lacks the column(s) ${missing.join(', ')}`);
  const rows: { row: Record<string, string>; line: number }[] = [];
  for (let index = 1; index < lines.length; index++) {
    const text = lines[index]!;
    if (text.trim() === '') continue;
    const fields = splitCsvLine(text);
    const line = index + 1;
    if (!fields) throw new GermanyFileError(file, line, 'a quoted field is not closed');
    if (fields.length !== names.length) {
      throw new GermanyFileError(file, line, `${fields.length} fields where the header has ${names.length}`);
    }
    rows.push({ row: Object.fromEntries(names.map((name, column) => [name, fields[column]!.trim()])), line });
  }
  return rows;
}

/** A whole number written with spaces as thousands separators (" 90 164"); null when empty. */
function readCount(value: string, file: string, line: number, column: string): number | null {
  if (value === '') return null;
  const digits = value.replace(/\s/g, '');
  if (!/^\d+$/.test(digits)) throw new GermanyFileError(file, line, `${column} "${value}" is not a whole number`);
  return Number(digits);
}

/** A decimal number with a point or a comma ("53.02", "9,43751"); null when empty. */
function readDecimal(value: string, file: string, line: number, column: string, range?: [number, number]): number | null {
  if (value === '') return null;
  const normalised = value.replace(/\s/g, '').replace(',', '.');
  const number = Number(normalised);
  if (!/^-?\d+(\.\d+)?$/.test(normalised) || !Number.isFinite(number)) {
    throw new GermanyFileError(file, line, `${column} "${value}" is not a number`);
  }
  if (range && (number < range[0] || number > range[1])) {
    throw new GermanyFileError(file, line, `${column} ${number} is outside ${range[0]}..${range[1]}`);
  }
  return number;
}

function digits(value: string, length: number, file: string, line: number, column: string): string {
  if (!new RegExp(`^\\d{${length}}$`).test(value)) {
    throw new GermanyFileError(file, line, `${column} "${value}" must be ${length} digit${length === 1 ? '' : 's'}`);
  }
  return value;
}

const REGISTER_COLUMNS = [
  'satzart',
  'textkennzeichen',
  'land',
  'rb',
  'kreis',
  'gemeinde',
  'gemeindename',
  'flaeche',
  'bevoelkerung',
  'postleitzahl',
  'laengengrad',
  'breitengrad',
] as const;

/** Germany's extent with a margin: a centroid outside it is a broken line, not a place. */
const LATITUDES: [number, number] = [47, 55.2];
const LONGITUDES: [number, number] = [5.5, 15.5];

/**
 * The Destatis register ("Auszug GV", the layout of the shipped file): Länder (satzart 10),
 * Regierungsbezirke (20), Kreise and kreisfreie Städte (40), Gemeinden (60). Regions (30) and
 * Gemeindeverbände (50) are skipped: a Gemeinde's parent is its Kreis.
 */
export function parseRegister(text: string, file = 'register'): RegisterArea[] {
  const areas: RegisterArea[] = [];
  const seen = new Map<string, number>();
  for (const { row, line } of readCsv(text, file, REGISTER_COLUMNS)) {
    const satzart = row.satzart!;
    if (!['10', '20', '30', '40', '50', '60'].includes(satzart)) {
      throw new GermanyFileError(file, line, `satzart "${satzart}" is none of 10, 20, 30, 40, 50, 60`);
    }
    if (satzart === '30' || satzart === '50') continue;
    const land = digits(row.land!, 2, file, line, 'land');
    const name = row.gemeindename!;
    if (name === '') throw new GermanyFileError(file, line, 'gemeindename is empty');
    let key: string;
    let level: GermanyLevel;
    let parentKey: string | null;
    if (satzart === '10') {
      key = land;
      level = 'STATE';
      parentKey = null;
    } else if (satzart === '20') {
      key = land + digits(row.rb!, 1, file, line, 'rb');
      level = 'ADMINISTRATIVE_REGION';
      parentKey = land;
    } else if (satzart === '40') {
      const rb = digits(row.rb!, 1, file, line, 'rb');
      key = land + rb + digits(row.kreis!, 2, file, line, 'kreis');
      const kind = row.textkennzeichen!;
      if (!['41', '42', '43', '44', '45'].includes(kind)) {
        throw new GermanyFileError(file, line, `textkennzeichen "${kind}" of a Kreis is none of 41–45`);
      }
      level = kind === '41' || kind === '42' ? 'INDEPENDENT_CITY' : 'DISTRICT_COUNTY';
      // Resolved below: the Regierungsbezirk when the register has it, else the Land.
      parentKey = land + rb;
    } else {
      key = land + digits(row.rb!, 1, file, line, 'rb') + digits(row.kreis!, 2, file, line, 'kreis');
      parentKey = key;
      key += digits(row.gemeinde!, 3, file, line, 'gemeinde');
      level = row.textkennzeichen === '65' || row.textkennzeichen === '66' ? 'UNINCORPORATED_AREA' : 'MUNICIPALITY';
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new GermanyFileError(file, line, `the key ${key} is already on line ${earlier}`);
    seen.set(key, line);
    const postcode = row.postleitzahl!;
    if (postcode !== '' && !/^\d{5}$/.test(postcode))
      throw new GermanyFileError(file, line, `postleitzahl "${postcode}" is not five digits`);
    // "0" for both: the register has no centre (the German-Luxembourg condominium).
    const noCentre = row.laengengrad === '0' && row.breitengrad === '0';
    areas.push({
      key,
      level,
      name,
      parentKey,
      areaKm2: readDecimal(row.flaeche!, file, line, 'flaeche', [0, 1_000_000]),
      population: readCount(row.bevoelkerung!, file, line, 'bevoelkerung'),
      postcode: postcode || null,
      longitude: noCentre ? null : readDecimal(row.laengengrad!, file, line, 'laengengrad', LONGITUDES),
      latitude: noCentre ? null : readDecimal(row.breitengrad!, file, line, 'breitengrad', LATITUDES),
      line,
    });
  }
  // Parents: the nearest level above that the file has (a Kreis's Regierungsbezirk may be absent: then its
  // Land; the German-Luxembourg condominium, Kreis "00", belongs to its Land).
  for (const area of areas) {
    if (area.parentKey !== null && !seen.has(area.parentKey)) {
      area.parentKey = [area.key.slice(0, 3), area.key.slice(0, 2)].find((key) => key !== area.key && seen.has(key)) ?? area.parentKey;
    }
    if (area.parentKey !== null && !seen.has(area.parentKey)) {
      throw new GermanyFileError(file, area.line, `${area.name} (${area.key}) belongs to ${area.parentKey}, which the file does not have`);
    }
  }
  return areas;
}

/** Zensus 2022 population per Gemeinde (columns `ags` with the 12-digit regional key, `place`, `population`). */
export function parseCensus(text: string, file = 'census'): CensusRow[] {
  const rows: CensusRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, line } of readCsv(text, file, ['ags', 'place', 'population'])) {
    const key = row.ags!;
    if (!/^\d{12}$/.test(key) && !/^\d{8}$/.test(key)) {
      throw new GermanyFileError(file, line, `ags "${key}" is neither a 12-digit regional key nor an 8-digit AGS`);
    }
    const ags = key.length === 12 ? key.slice(0, 5) + key.slice(9) : key;
    const earlier = seen.get(ags);
    if (earlier !== undefined) throw new GermanyFileError(file, line, `the AGS ${ags} is already on line ${earlier}`);
    seen.set(ags, line);
    const population = readCount(row.population!, file, line, 'population');
    if (population === null) throw new GermanyFileError(file, line, 'population is empty');
    rows.push({ ags, name: row.place!, population, line });
  }
  return rows;
}

/** The postcode table (columns `plz`, `ags`, `ort`): one line per postcode and Gemeinde it touches. */
export function parsePostcodes(text: string, file = 'postcodes'): PostcodeRow[] {
  const rows: PostcodeRow[] = [];
  const seen = new Set<string>();
  for (const { row, line } of readCsv(text, file, ['plz', 'ags', 'ort'])) {
    const postcode = digits(row.plz!, 5, file, line, 'plz');
    const ags = digits(row.ags!, 8, file, line, 'ags');
    // The table repeats a postcode and Gemeinde for each place name: keep the first.
    if (seen.has(`${postcode} ${ags}`)) continue;
    seen.add(`${postcode} ${ags}`);
    rows.push({ postcode, ags, place: row.ort!, line });
  }
  return rows;
}

/** Reads and checks the three files (any of them `.gz`); errors name the file by its base name. */
export function readGermanyFiles(paths: { register: string; census: string; postcodes: string }): GermanyData {
  return {
    register: parseRegister(readText(paths.register), basename(paths.register)),
    census: parseCensus(readText(paths.census), basename(paths.census)),
    postcodes: parsePostcodes(readText(paths.postcodes), basename(paths.postcodes)),
  };
}

/** The files shipped in `data/germany/` of the repository at `root`. */
export function readShippedGermany(root: string): GermanyData {
  return readGermanyFiles({
    register: join(root, SHIPPED_FILES.register),
    census: join(root, SHIPPED_FILES.census),
    postcodes: join(root, SHIPPED_FILES.postcodes),
  });
}
