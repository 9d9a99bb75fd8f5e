import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScaleSamples } from '../scale/generate';

export interface BenchOperation {
  name: string;
  /** What it stands for in the issue's list. */
  role: string;
  query: string;
  variables: Record<string, unknown>;
  /** The one subgraph it touches, when it touches only one: then it is also sent to that subgraph directly. */
  subgraph?: string;
  /** Other variables of the same kind (different records), for the varied load. */
  varied: Record<string, unknown>[];
  /** Sent with every request; set for operations with fields that need a signed-in caller. */
  headers?: Record<string, string>;
}

/** The development token issuer and audience the services accept unless configured otherwise. */
export const DEV_ISSUER = { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' };

/** Whether an operation's errors say it needs a signed-in caller. */
export const needsSignIn = (error: unknown) => /UNAUTHENTICATED/.test(error instanceof Error ? error.message : String(error));

/** A single-subgraph operation (locations only): a district page with its sites and figures. */
export const DISTRICT_SITES = `query DistrictSites($districtId: ID!) {
  district(id: $districtId) {
    id name kind officialKey
    latestIndicator { year population benefitRecipients benefitRate }
    locations(first: 20) { totalCount nodes { id name street houseNumber postcode kind openingHours { openingHours } transportStops { name mode lines } } }
  }
}`;

/** Place names the search is driven with: short and long, with umlauts, common and rare. */
const PLACE_NAMES = ['Münster', 'Recklinghausen', 'Haltern', 'Neustadt', 'Frankfurt', 'Köln', 'Bad', 'Oberhausen', 'Greußen', 'Sankt'];

/** A Thursday morning, when offices are open (fixed, so every run asks the same). */
export const OPEN_AT = '2026-11-26T09:00:00Z';

/**
 * The named operations the benchmark drives — the saved operations of `operations/` plus one
 * single-subgraph page — with variables that pick typical records of the scale dataset.
 */
export function benchOperations(root: string, samples: ScaleSamples): BenchOperation[] {
  const saved = (name: string) => readFileSync(join(root, 'operations', `${name}.graphql`), 'utf8');
  const v = samples.varied;
  const varied: Record<string, Record<string, unknown>[]> = {
    DistrictDashboard: v.cityIds.map((districtId) => ({ districtId })),
    JobcenterDashboard: v.jobcenterIds.map((organisationId) => ({ organisationId, year: 2025 })),
    HubWalk: v.jobcenterIds.map((organisationId, i) => ({ organisationId, programmeId: v.programmeIds[i % v.programmeIds.length] })),
    NearestOpenSite: v.points.map((point) => ({ ...point, at: OPEN_AT })),
    ResponsibleSite: v.postcodes.map((postcode) => ({ postcode })),
    PartnersInDistrict: v.municipalityIds.map((districtId) => ({ districtId, category: 'KITA' })),
    DistrictSites: v.municipalityIds.map((districtId) => ({ districtId })),
    ResponsibilityByPostcode: v.postcodes.map((postcode) => ({ postcode })),
    ResponsibilityByPoint: v.points.map((point) => ({ ...point })),
    PlaceSearch: PLACE_NAMES.map((search) => ({ search })),
  };
  return (
    [
      {
        name: 'DistrictDashboard',
        role: 'dashboard (a city and its six city districts)',
        query: saved('DistrictDashboard'),
        variables: { districtId: samples.cityDistrictId },
      },
      {
        name: 'JobcenterDashboard',
        role: 'dashboard (one Jobcenter)',
        query: saved('JobcenterDashboard'),
        variables: { organisationId: samples.jobcenterId, year: 2025 },
      },
      {
        name: 'HubWalk',
        role: 'deep cross-subgraph (all four)',
        query: saved('HubWalk'),
        variables: { organisationId: samples.jobcenterId, programmeId: samples.programmeId },
      },
      {
        name: 'NearestOpenSite',
        role: 'nearest site (single subgraph)',
        query: saved('NearestOpenSite'),
        variables: { ...samples.point, at: OPEN_AT },
        subgraph: 'locations',
      },
      {
        name: 'ResponsibleSite',
        role: 'responsibility lookup',
        query: saved('ResponsibleSite'),
        variables: { postcode: samples.postcode },
      },
      {
        name: 'PartnersInDistrict',
        role: 'staff question (partners)',
        query: saved('PartnersInDistrict'),
        variables: { districtId: samples.municipalityId, category: 'KITA' },
      },
      // The reference layer's lookups (issue 14): responsibility for any place in Germany, and place names.
      {
        name: 'ResponsibilityByPostcode',
        role: 'responsibility for any place (postcode)',
        query: saved('ResponsiblePlace'),
        variables: { postcode: samples.postcode },
      },
      {
        name: 'ResponsibilityByKey',
        role: 'responsibility for any place (AGS)',
        query: saved('ResponsiblePlace'),
        variables: { municipalityKey: samples.municipalityKey },
      },
      {
        name: 'ResponsibilityByPoint',
        role: 'responsibility for any place (point)',
        query: saved('ResponsiblePlace'),
        variables: { ...samples.point },
      },
      {
        name: 'PlaceSearch',
        role: 'place-name search (single subgraph)',
        query: saved('PlaceSearch'),
        variables: { search: 'Münster' },
        subgraph: 'locations',
      },
      {
        name: 'DistrictSites',
        role: 'single subgraph',
        query: DISTRICT_SITES,
        variables: { districtId: samples.municipalityId },
        subgraph: 'locations',
      },
    ] as Omit<BenchOperation, 'varied'>[]
  ).map((operation) => ({ ...operation, varied: varied[operation.name] ?? [operation.variables] }));
}

/** The supergraph with the routing URLs replaced (subgraphs on other ports than the committed ones). */
export function withRoutingUrls(supergraphSdl: string, urls: Record<string, string>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (match, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : match,
  );
}
