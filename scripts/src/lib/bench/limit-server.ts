/**
 * The `limit` engine of `npm run bench` (issue 17): a plain `node:http` server that answers the bench's
 * four operations with hand-written SQL straight against the four subgraph databases (`pg`, one pool
 * each) and writes the same JSON as the hub, so the bench can show how far the GraphQL, federation and
 * ORM layers are from what PostgreSQL and Node allow on this machine.
 *
 * It recognises the operation by its name in the query text and reads its variables; it knows no other
 * operation (400, a GraphQL-style error) and parses no GraphQL. The rules are the hub's, read for an
 * anonymous caller: archived records left out of lists (`archived_at is null`; records asked by id are
 * read archived or not, as the subgraphs' by-id loaders do), lists ordered by (name, id), `first` and
 * `totalCount`, the grants between publishers (`organisation_link` GRANTS_REFERENCES, cached process-wide
 * for 2 s as REFERENCE_CACHE_MS does in the subgraphs), the district rule of the locations subgraph, the
 * places bands of programmes, and opening hours through the hub's own schedule and holiday functions.
 *
 * Started by `startLimitEngine` (engines.ts) as its own process: argv[2] is the repository root, the
 * database URLs come as JSON in LIMIT_DATABASE_URLS; it sends `{ type: 'ready', url }` over IPC.
 *
 * Where it does less than the hub, and why the bench's answers are still the same:
 * - The query texts are fixed (the saved operations), so `first` (100, 50, 20, 10, 3) and the selected
 *   fields are written into the code; variables are not validated (the bench sends valid ones), and no
 *   Cache-Control header is sent (the bench reads it from the Apollo gateway only).
 * - NearestOpenSite always has `at` (`$at: DateTimeISO!`), so sites without opening hours are left out in
 *   SQL, as the subgraph leaves them out after loading them.
 * - An intake's venue that does not exist would be an error in the hub and is null here; the scale
 *   dataset's cross-subgraph ids are checked consistent when it is written (`checkCrossSubgraphIds`).
 * - `participants` takes a programme's all-venues figure by `min`, where the hub takes the first one
 *   loaded: there is at most one live figure per programme, year and venue.
 * - The district rule's grants and areas come from one cached snapshot of organisations (2 s), where the
 *   subgraphs ask for the grants (cached 2 s) and for the areas only of the owners that need them: the
 *   same records, read at most 2 s apart.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Pool } from 'pg';

const root = process.argv[2] ?? process.cwd();
const databaseUrls = JSON.parse(process.env.LIMIT_DATABASE_URLS ?? '{}') as Record<string, string>;

// ---------------------------------------------------------------------------------------------------
// The hub's pure schedule and holiday functions, from their compiled modules (not the package index, so
// neither the ORM nor the server is loaded). reflect-metadata first: schedule.ts declares its GraphQL types.

interface TimeRange {
  opens: string;
  closes: string;
}
/** The stored form of opening hours (`ScheduleData` in packages/subgraph/src/schedule.ts). */
interface ScheduleData {
  weekly: (TimeRange & { day: string })[];
  monthly?: (TimeRange & { day: string; week: number })[];
  exceptions: { date: string; closed: boolean; hours?: TimeRange[] }[];
  annual?: { monthDay: string; closed: boolean; hours?: TimeRange[] }[];
  closedOnPublicHolidays: boolean;
}
type HolidayRegion = { land: string; municipalityKey: string };
interface ScheduleModule {
  isOpenAt(data: ScheduleData, instant: Date, region: HolidayRegion | null): boolean;
  toOsmOpeningHours(data: ScheduleData): string;
  localTime(instant: Date): { date: string };
}
interface HolidaysModule {
  holidayRegionOfKey(key: string | null | undefined): HolidayRegion | null;
}
/* eslint-disable @typescript-eslint/no-require-imports -- compiled modules of another workspace, by path */
require('reflect-metadata');
const schedule = require(join(root, 'packages', 'subgraph', 'dist', 'schedule.js')) as ScheduleModule;
const holidays = require(join(root, 'packages', 'subgraph', 'dist', 'holidays.js')) as HolidaysModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The holiday region of a site whose district and the districts above it have `keys` (nearest first; the hub walks up to 8 levels). */
const regionOf = (keys: readonly (string | null)[] | null | undefined): HolidayRegion | null => {
  for (const key of (keys ?? []).slice(0, 8)) {
    const region = holidays.holidayRegionOfKey(key);
    if (region) return region;
  }
  return null;
};

const openingHours = (data: ScheduleData | null) => (data ? { openingHours: schedule.toOsmOpeningHours(data) } : null);

// ---------------------------------------------------------------------------------------------------
// Databases and the grants.

const pools = Object.fromEntries(
  ['organisations', 'locations', 'partners', 'programmes'].map((name) => {
    const url = databaseUrls[name];
    if (!url) throw new Error(`limit: no database URL for ${name} in LIMIT_DATABASE_URLS`);
    return [name, new Pool({ connectionString: url, max: 10 })];
  }),
) as Record<'organisations' | 'locations' | 'partners' | 'programmes', Pool>;

/**
 * One statement as a named prepared statement (named after its text): PostgreSQL parses and plans it once
 * per connection instead of on every request, as a hand-tuned server would.
 */
const statementNames = new Map<string, string>();
function query<T extends object>(pool: Pool, text: string, values: unknown[] = []) {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `limit-${statementNames.size + 1}`));
  return pool.query<T>({ name, text, values });
}

const REFERENCE_LAYER_OWNER = 'destatis';
const REFERENCE_CACHE_MS = 2_000;

/** The live grants (`'granter>grantee'`) and the areas (municipality keys) of the live organisations. */
interface References {
  grants: string[];
  granted: Set<string>;
  areas: Map<string, string[]>;
}
let cachedReferences: { at: number; value: Promise<References> } | undefined;

/** One statement on organisations, served from a process-wide cache for 2 s (the subgraphs' REFERENCE_CACHE_MS). */
function references(): Promise<References> {
  const now = Date.now();
  if (cachedReferences && now - cachedReferences.at < REFERENCE_CACHE_MS) return cachedReferences.value;
  const value = query<{ grants: string[]; areas: Record<string, string[]> }>(
    pools.organisations,
    `select (select coalesce(array_agg(organisation_id || '>' || linked_id), '{}') from organisation_link
                where relation = 'GRANTS_REFERENCES' and archived_at is null) as grants,
              (select coalesce(json_object_agg(id, municipality_keys), '{}') from organisation
                where archived_at is null and cardinality(municipality_keys) > 0) as areas`,
  ).then(({ rows: [row] }) => ({
    grants: row!.grants,
    granted: new Set(row!.grants),
    areas: new Map(Object.entries(row!.areas)),
  }));
  const entry = { at: now, value };
  cachedReferences = entry;
  value.catch(() => {
    if (cachedReferences === entry) cachedReferences = undefined;
  });
  return value;
}

/** SQL: a row owned by `owner` may show its reference to a record owned by `target` (own or granted; `$1`: the grants). */
const granted = (owner: string, target: string, param = '$1') =>
  `(${target} = ${owner} or ${target} || '>' || ${owner} = any(${param}::text[]))`;

/**
 * The district rule at read time for a place (`keepShownDistrictReferences(…, 'place')`): a record owned
 * by `ownerId` shows in a district when the district is its owner's, or of the reference layer, or its
 * owner grants references, or its official key lies inside the record owner's area.
 */
const mayNameDistrict = (refs: References, ownerId: string, district: { owner_id: string; official_key: string | null }) =>
  ownerId === district.owner_id ||
  district.owner_id === REFERENCE_LAYER_OWNER ||
  refs.granted.has(`${district.owner_id}>${ownerId}`) ||
  (!!district.official_key && (refs.areas.get(ownerId) ?? []).some((key) => key.length > 0 && district.official_key!.startsWith(key)));

/** `availabilityOf` of the programmes subgraph: FULL at 0, FEW up to the larger of 2 and a tenth of the places, else AVAILABLE. */
const availabilityOf = (free: number, places: number) => (free <= 0 ? 'FULL' : free <= Math.max(2, places / 10) ? 'FEW' : 'AVAILABLE');

/** `benefitRate` of DistrictIndicator: recipients per 100 inhabitants, one decimal. */
const benefitRate = (population: number, recipients: number) => (population > 0 ? Math.round((recipients / population) * 1000) / 10 : 0);

interface TransportStop {
  name: string;
  mode: string;
  lines: string[];
  walkingMinutes: number;
}
/** `Location.transportStops` without a mode: nearest first, then by name. */
const sortedStops = (stops: TransportStop[]) =>
  [...stops].sort((a, b) => a.walkingMinutes - b.walkingMinutes || a.name.localeCompare(b.name));

/**
 * The places of the upcoming intakes (from `today`) at each of `venueIds`, as the programmes subgraph's
 * `programmePlacesByVenue`: live intakes of live programmes whose venue's and programme's owners let them show.
 */
async function availabilityByVenue(venueIds: string[], today: string, refs: References): Promise<Map<string, string>> {
  if (venueIds.length === 0) return new Map();
  const { rows } = await query<{ venue_id: string; places: number; free: number }>(
    pools.programmes,
    `select i.venue_id, sum(i.places)::int as places, sum(greatest(i.places - i.places_taken, 0))::int as free
       from intake i join programme p on p.id = i.programme_id
      where i.venue_id = any($2::text[]) and i.starts_on >= $3::date and i.archived_at is null and p.archived_at is null
        and ${granted('i.owner_id', 'i.venue_owner_id')} and ${granted('i.owner_id', 'p.owner_id')}
      group by i.venue_id`,
    [refs.grants, venueIds, today],
  );
  return new Map(rows.map((row) => [row.venue_id, availabilityOf(row.free, row.places)]));
}

// ---------------------------------------------------------------------------------------------------
// The operations.

type Variables = Record<string, unknown>;

const PARTNER_CATEGORIES = [
  'KITA',
  'VOLUNTEER_INITIATIVE',
  'COUNSELLING_CAFE',
  'NEIGHBOURHOOD_INITIATIVE',
  'STREET_WORK',
  'OTHER_SOCIAL_SERVICE',
];

interface SiteRow {
  id: string;
  name: string;
  kind: string;
  owner_id: string;
  opening_hours_data: ScheduleData | null;
}
interface DistrictRow {
  id: string;
  name: string;
  kind: string;
  official_key: string | null;
  owner_id: string;
  indicator: {
    id: string;
    year: number;
    population: number;
    benefit_recipients: number;
    source_kind: string;
    source_citation: string;
  } | null;
  sites: SiteRow[];
}

/**
 * DistrictDashboard: one statement on locations (the district, its live children, each one's newest
 * figures, live sites and the keys above it for the holidays), then partners and programmes in parallel
 * (the partner counts and the places at the sites: both need the ids the first statement found).
 */
async function districtDashboard(variables: Variables, now: Date) {
  const districtId = String(variables.districtId);
  const refsPromise = references();
  const { rows } = await query<{ root: DistrictRow | null; children: DistrictRow[]; keys: (string | null)[] }>(
    pools.locations,
    `with recursive up(id, parent_id, official_key, level) as (
       select d.id, d.parent_id, d.official_key, 0 from district d where d.id = $1
       union all
       select p.id, p.parent_id, p.official_key, up.level + 1 from up join district p on p.id = up.parent_id where up.level < 7
     ),
     figures as (
       select d.id, d.name, d.kind, d.official_key, d.owner_id, d.parent_id,
              (select json_build_object('id', i.id, 'year', i.year, 'population', i.population, 'benefit_recipients', i.benefit_recipients,
                                        'source_kind', i.source_kind, 'source_citation', i.source_citation)
                 from district_indicator i where i.district_id = d.id and i.archived_at is null order by i.year desc, i.id limit 1) as indicator,
              (select coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'kind', l.kind, 'owner_id', l.owner_id,
                                                          'opening_hours_data', l.opening_hours_data) order by l.name, l.id), '[]')
                 from location l where l.district_id = d.id and l.archived_at is null) as sites
         from district d
        where d.id = $1 or (d.parent_id = $1 and d.archived_at is null)
     )
     select (select row_to_json(f) from figures f where f.id = $1) as root,
            (select coalesce(json_agg(row_to_json(f) order by f.name, f.id), '[]') from figures f where f.id <> $1) as children,
            (select array_agg(official_key order by level) from up) as keys`,
    [districtId],
  );
  const { root, children, keys } = rows[0]!;
  if (!root) return { district: null };
  const refs = await refsPromise;
  // The root's sites, its children (city districts shown while they may name it), and their sites.
  const shownChildren = children.filter((child) => mayNameDistrict(refs, child.owner_id, root));
  const districts = [root, ...shownChildren.slice(0, 50)];
  const shownSites = new Map(
    districts.map((district) => [district.id, district.sites.filter((site) => mayNameDistrict(refs, site.owner_id, district))]),
  );
  const siteIds = districts.flatMap((district) =>
    shownSites
      .get(district.id)!
      .slice(0, 100)
      .map((site) => site.id),
  );
  const today = schedule.localTime(now).date;
  const [availability, counts] = await Promise.all([
    availabilityByVenue(siteIds, today, refs),
    query<{ district_id: string; category: string; count: number }>(
      pools.partners,
      `select d.district_id, p.category, count(*)::int as count
         from partner p cross join lateral unnest(p.district_ids, p.district_owner_ids) as d(district_id, owner)
        where p.district_ids && $2::text[] and p.archived_at is null and d.district_id = any($2::text[])
          and (d.owner = '${REFERENCE_LAYER_OWNER}' or ${granted('p.owner_id', 'd.owner')})
        group by d.district_id, p.category`,
      [refs.grants, districts.map((district) => district.id)],
    ),
  ]);
  const countOf = new Map(counts.rows.map((row) => [`${row.district_id}:${row.category}`, row.count]));
  const figures = (district: DistrictRow, holidayKeys: (string | null)[]) => {
    const region = regionOf(holidayKeys);
    const sites = shownSites.get(district.id)!;
    const indicator = district.indicator;
    return {
      id: district.id,
      name: district.name,
      kind: district.kind,
      officialKey: district.official_key,
      latestIndicator: indicator && {
        id: indicator.id,
        year: indicator.year,
        population: indicator.population,
        benefitRecipients: indicator.benefit_recipients,
        benefitRate: benefitRate(indicator.population, indicator.benefit_recipients),
        source: { kind: indicator.source_kind, citation: indicator.source_citation },
      },
      locations: {
        totalCount: sites.length,
        nodes: sites.slice(0, 100).map((site) => ({
          id: site.id,
          name: site.name,
          kind: site.kind,
          programmeAvailability: availability.get(site.id) ?? null,
          openingHours: site.opening_hours_data && {
            isOpen: schedule.isOpenAt(site.opening_hours_data, now, region),
            openingHours: schedule.toOsmOpeningHours(site.opening_hours_data),
          },
        })),
      },
      partnerCounts: PARTNER_CATEGORIES.map((category) => ({ category, count: countOf.get(`${district.id}:${category}`) ?? 0 })),
    };
  };
  return {
    district: {
      ...figures(root, keys),
      // A child's holidays: its own key, else its parent's (the root) and above.
      children: { nodes: shownChildren.slice(0, 50).map((child) => figures(child, [child.official_key, ...keys])) },
    },
  };
}

/**
 * JobcenterDashboard: organisations, locations and programmes in parallel (one statement each), then
 * the places at the sites (programmes) and the names of the intakes' venues (locations) in parallel.
 */
async function jobcenterDashboard(variables: Variables, now: Date) {
  const organisationId = String(variables.organisationId);
  const year = Number(variables.year);
  const today = schedule.localTime(now).date;
  const refs = await references();
  const [organisation, sites, programmes] = await Promise.all([
    query<{
      id: string;
      name: string;
      jobcenter_model: string | null;
      managing_director: string | null;
      municipality_keys: string[];
      owner_id: string;
      units: { id: string; name: string; kind: string; owner_id: string }[];
    }>(
      pools.organisations,
      `select o.id, o.name, o.jobcenter_model, o.managing_director, o.municipality_keys, o.owner_id,
              (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'kind', u.kind, 'owner_id', u.owner_id) order by u.name, u.id), '[]')
                 from organisation_unit u where u.organisation_id = o.id and u.archived_at is null) as units
         from organisation o where o.id = $1`,
      [organisationId],
    ),
    query<{
      id: string;
      name: string;
      kind: string;
      city: string;
      owner_id: string;
      organisation_owner_id: string | null;
      district_id: string;
      district_name: string;
    }>(
      pools.locations,
      `select l.id, l.name, l.kind, l.city, l.owner_id, l.organisation_owner_id, d.id as district_id, d.name as district_name
         from location l join district d on d.id = l.district_id
        where l.organisation_id = $1 and l.archived_at is null
        order by l.name, l.id`,
      [organisationId],
    ),
    query<{
      id: string;
      name: string;
      kind: string;
      capacity_per_year: number | null;
      days_per_week_max: number | null;
      intakes: { id: string; starts_on: string; places: number; places_taken: number; venue_id: string }[];
      participants: number | null;
    }>(
      pools.programmes,
      `with shown as (
         select p.* from programme p
          where p.operator_id = $2 and p.archived_at is null and ${granted('p.owner_id', 'p.operator_owner_id')}
       )
       select p.id, p.name, p.kind, p.capacity_per_year, p.days_per_week_max,
              (select coalesce(json_agg(json_build_object('id', i.id, 'starts_on', i.starts_on::text, 'places', i.places,
                                                          'places_taken', i.places_taken, 'venue_id', i.venue_id) order by i.starts_on, i.id), '[]')
                 from intake i
                where i.programme_id = p.id and i.starts_on >= $3::date and i.archived_at is null
                  and ${granted('i.owner_id', 'i.venue_owner_id')} and ${granted('i.owner_id', 'p.owner_id')}) as intakes,
              (select sum(coalesce(t.all_venues, t.venues))::int from (
                 select min(f.participants) filter (where f.venue_id is null) as all_venues, sum(f.participants) as venues
                   from participation f
                  where f.programme_id = p.id and f.year = $4 and f.archived_at is null
                    and (f.venue_id is null or ${granted('f.owner_id', 'f.venue_owner_id')}) and ${granted('f.owner_id', 'p.owner_id')}
                  having count(*) > 0) t) as participants
         from shown p
        order by p.name, p.id`,
      [refs.grants, organisationId, today, year],
    ),
  ]);
  const found = organisation.rows[0];
  if (!found) return { organisation: null };
  // Another publisher's units show only while the organisation's owner grants it references.
  const units = found.units.filter((unit) => unit.owner_id === found.owner_id || refs.granted.has(`${found.owner_id}>${unit.owner_id}`));
  // Sites of another organisation's record owner show only while that owner grants references.
  const shownSites = sites.rows.filter(
    (site) =>
      !site.organisation_owner_id ||
      site.organisation_owner_id === site.owner_id ||
      refs.granted.has(`${site.organisation_owner_id}>${site.owner_id}`),
  );
  const pageOfSites = shownSites.slice(0, 100);
  const pageOfProgrammes = programmes.rows.slice(0, 100);
  const venueIds = [...new Set(pageOfProgrammes.flatMap((programme) => programme.intakes.slice(0, 10).map((intake) => intake.venue_id)))];
  const [availability, venues] = await Promise.all([
    availabilityByVenue(
      pageOfSites.map((site) => site.id),
      today,
      refs,
    ),
    venueIds.length === 0
      ? Promise.resolve(new Map<string, string>())
      : query<{ id: string; name: string }>(pools.locations, 'select l.id, l.name from location l where l.id = any($1::text[])', [
          venueIds,
        ]).then(({ rows }) => new Map(rows.map((row) => [row.id, row.name]))),
  ]);
  return {
    organisation: {
      id: found.id,
      name: found.name,
      jobcenterModel: found.jobcenter_model,
      managingDirector: found.managing_director,
      municipalityKeys: found.municipality_keys,
      units: { totalCount: units.length, nodes: units.slice(0, 100).map(({ id, name, kind }) => ({ id, name, kind })) },
      locations: {
        totalCount: shownSites.length,
        nodes: pageOfSites.map((site) => ({
          id: site.id,
          name: site.name,
          kind: site.kind,
          city: site.city,
          programmeAvailability: availability.get(site.id) ?? null,
          district: { id: site.district_id, name: site.district_name },
        })),
      },
      programmes: {
        totalCount: programmes.rows.length,
        nodes: pageOfProgrammes.map((programme) => ({
          id: programme.id,
          name: programme.name,
          kind: programme.kind,
          capacityPerYear: programme.capacity_per_year,
          daysPerWeekMax: programme.days_per_week_max,
          upcomingIntakes: {
            totalCount: programme.intakes.length,
            nodes: programme.intakes.slice(0, 10).map((intake) => ({
              id: intake.id,
              startsOn: intake.starts_on,
              availability: availabilityOf(Math.max(intake.places - intake.places_taken, 0), intake.places),
              venue: venues.has(intake.venue_id) ? { id: intake.venue_id, name: venues.get(intake.venue_id) } : null,
            })),
          },
        })),
      },
      participants: programmes.rows.some((programme) => programme.participants !== null)
        ? programmes.rows.reduce((sum, programme) => sum + (programme.participants ?? 0), 0)
        : null,
    },
  };
}

/**
 * NearestOpenSite: one statement on locations — the live sites within the radius (GiST index through
 * `earth_box`), each with the official keys of its district and those above it (for the holidays) — then
 * the opening hours at `at`, evaluated here as the subgraph does.
 */
async function nearestOpenSite(variables: Variables) {
  const latitude = Number(variables.latitude);
  const longitude = Number(variables.longitude);
  const radiusKm = variables.radiusKm === undefined ? 25 : Number(variables.radiusKm);
  const at = new Date(String(variables.at));
  const { rows } = await query<{
    id: string;
    name: string;
    street: string;
    house_number: string;
    postcode: string;
    city: string;
    opening_hours_data: ScheduleData | null;
    transport_stops_data: TransportStop[];
    step_free: boolean | null;
    lift: boolean | null;
    distance_m: number;
    keys: (string | null)[] | null;
  }>(
    pools.locations,
    `select l.id, l.name, l.street, l.house_number, l.postcode, l.city, l.opening_hours_data, l.transport_stops_data, l.step_free, l.lift,
            earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth($1, $2)) as distance_m,
            (with recursive up(parent_id, official_key, level) as (
               select d.parent_id, d.official_key, 0 from district d where d.id = l.district_id
               union all
               select p.parent_id, p.official_key, up.level + 1 from up join district p on p.id = up.parent_id where up.level < 7
             ) select array_agg(official_key order by level) from up) as keys
       from location l
      where l.archived_at is null and l.opening_hours_data is not null
        and earth_box(ll_to_earth($1, $2), $3) @> ll_to_earth(l.latitude, l.longitude)
        and earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth($1, $2)) <= $3`,
    [latitude, longitude, radiusKm * 1000],
  );
  const open = rows
    .filter((row) => schedule.isOpenAt(row.opening_hours_data!, at, regionOf(row.keys)))
    .map((row) => ({ row, distanceKm: Math.round(Number(row.distance_m) / 10) / 100 }))
    // The subgraph pages by (rounded distance, id).
    .sort((a, b) => a.distanceKm - b.distanceKm || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
  return {
    locationsNear: {
      totalCount: open.length,
      nodes: open.slice(0, 3).map(({ row, distanceKm }) => ({
        distanceKm,
        location: {
          id: row.id,
          name: row.name,
          street: row.street,
          houseNumber: row.house_number,
          postcode: row.postcode,
          city: row.city,
          openingHours: openingHours(row.opening_hours_data),
          transportStops: sortedStops(row.transport_stops_data).map(({ name, mode, lines, walkingMinutes }) => ({
            name,
            mode,
            lines,
            walkingMinutes,
          })),
          accessibility: { stepFree: row.step_free ?? null, lift: row.lift ?? null },
        },
      })),
    },
  };
}

/** DistrictSites: one statement on locations (the district, its newest figures, its live sites). */
async function districtSites(variables: Variables) {
  const districtId = String(variables.districtId);
  const refsPromise = references();
  const { rows } = await query<{
    id: string;
    name: string;
    kind: string;
    official_key: string | null;
    owner_id: string;
    indicator: { year: number; population: number; benefit_recipients: number } | null;
    sites: {
      id: string;
      name: string;
      street: string;
      house_number: string;
      postcode: string;
      kind: string;
      owner_id: string;
      opening_hours_data: ScheduleData | null;
      transport_stops_data: TransportStop[];
    }[];
  }>(
    pools.locations,
    `select d.id, d.name, d.kind, d.official_key, d.owner_id,
            (select json_build_object('year', i.year, 'population', i.population, 'benefit_recipients', i.benefit_recipients)
               from district_indicator i where i.district_id = d.id and i.archived_at is null order by i.year desc, i.id limit 1) as indicator,
            (select coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'street', l.street, 'house_number', l.house_number,
                                                        'postcode', l.postcode, 'kind', l.kind, 'owner_id', l.owner_id,
                                                        'opening_hours_data', l.opening_hours_data, 'transport_stops_data', l.transport_stops_data)
                                      order by l.name, l.id), '[]')
               from location l where l.district_id = d.id and l.archived_at is null) as sites
       from district d where d.id = $1`,
    [districtId],
  );
  const district = rows[0];
  if (!district) return { district: null };
  const refs = await refsPromise;
  const sites = district.sites.filter((site) => mayNameDistrict(refs, site.owner_id, district));
  const indicator = district.indicator;
  return {
    district: {
      id: district.id,
      name: district.name,
      kind: district.kind,
      officialKey: district.official_key,
      latestIndicator: indicator && {
        year: indicator.year,
        population: indicator.population,
        benefitRecipients: indicator.benefit_recipients,
        benefitRate: benefitRate(indicator.population, indicator.benefit_recipients),
      },
      locations: {
        totalCount: sites.length,
        nodes: sites.slice(0, 20).map((site) => ({
          id: site.id,
          name: site.name,
          street: site.street,
          houseNumber: site.house_number,
          postcode: site.postcode,
          kind: site.kind,
          openingHours: openingHours(site.opening_hours_data),
          transportStops: sortedStops(site.transport_stops_data).map(({ name, mode, lines }) => ({ name, mode, lines })),
        })),
      },
    },
  };
}

/** The operations this engine knows, by the name in their query text. */
const LIMIT_OPERATIONS: Record<string, (variables: Variables, now: Date) => Promise<unknown>> = {
  DistrictDashboard: districtDashboard,
  JobcenterDashboard: jobcenterDashboard,
  NearestOpenSite: nearestOpenSite,
  DistrictSites: districtSites,
};

// ---------------------------------------------------------------------------------------------------
// HTTP.

const send = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
};

const badRequest = (response: ServerResponse, message: string) =>
  send(response, 400, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });

async function handle(request: IncomingMessage, response: ServerResponse) {
  if (request.method !== 'POST') return badRequest(response, 'the limit engine answers POST requests only');
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  let body: { query?: unknown; variables?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
  } catch {
    return badRequest(response, 'the body is not JSON');
  }
  const name =
    typeof body.query === 'string' ? /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body.query)?.[1] : undefined;
  const operation = name ? LIMIT_OPERATIONS[name] : undefined;
  if (!operation) {
    return badRequest(response, `the limit engine answers only ${Object.keys(LIMIT_OPERATIONS).join(', ')}${name ? `, not ${name}` : ''}`);
  }
  // "now" is the request's time, as each subgraph reads its clock once per request.
  const data = await operation((body.variables ?? {}) as Variables, new Date());
  send(response, 200, { data });
}

const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
  handle(request, response).catch((error: unknown) => {
    if (!response.headersSent) {
      send(response, 500, {
        errors: [{ message: error instanceof Error ? error.message : String(error), extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  process.send?.({ type: 'ready', url });
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  void Promise.all(Object.values(pools).map((pool) => pool.end())).finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
