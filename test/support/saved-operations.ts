import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '@jobcenter-hub/service';
import { ROOT } from './hub';

/** The saved operations of operations/, by name, as written. */
export function savedOperations(): Map<string, string> {
  return new Map(
    readdirSync(join(ROOT, 'operations'))
      .filter((file) => file.endsWith('.graphql'))
      .sort()
      .map((file) => [file.replace(/\.graphql$/, ''), readFileSync(join(ROOT, 'operations', file), 'utf8')]),
  );
}

/**
 * Variables for running each saved operation as dashboards and staff tools do: the cases of
 * test/operations.test.ts, which checks their answers, and a few more that reach the same objects from
 * other operations (Münster's sites from NearestOpenSite as from DistrictDashboard). The first case of
 * each is its example. An operation of operations/ without an entry here fails test/apollo-client.test.ts
 * and test/trusted-documents.test.ts, which run every one of them.
 */
export const SAVED_OPERATION_VARIABLES: Record<string, Record<string, unknown>[]> = {
  DistrictDashboard: [{ districtId: 'muenster' }, { districtId: 'recklinghausen' }],
  HubWalk: [{}, { organisationId: 'jobcenter-muenster' }],
  JobcenterDashboard: [
    { organisationId: 'jobcenter-kreis-recklinghausen', year: 2021 },
    { organisationId: 'jobcenter-muenster', year: 2021 },
  ],
  NearestOpenSite: [
    { latitude: 51.6141, longitude: 7.1978, at: '2026-11-26T09:00:00Z' },
    { latitude: 51.6141, longitude: 7.1978, at: '2026-11-29T09:00:00Z' },
    { latitude: 51.9607, longitude: 7.6261, at: '2026-11-26T09:00:00Z' },
  ],
  PartnersInDistrict: [
    { districtId: 'muenster-nord', category: 'KITA' },
    { districtId: 'muenster-ost', category: 'COUNSELLING_CAFE', search: 'Wolbecker Straße' },
    { districtId: 'muenster-ost', category: 'COUNSELLING_CAFE', search: 'wolbecker strasse' },
  ],
  ResponsibleSite: [{ postcode: '45768' }, { postcode: '48159' }],
  // Germany's reference layer (test/germany.test.ts checks the answers).
  PlaceSearch: [{ search: 'Münster' }, { search: 'Recklinghausen', kind: 'DISTRICT_COUNTY' }],
  ResponsiblePlace: [{ postcode: '45768' }, { municipalityKey: '05515000' }],
  // The dashboard's pages (dashboard/).
  DashboardDistrict: [{ districtId: 'muenster' }, { districtId: 'recklinghausen' }],
  DashboardJobcenter: [{ organisationId: 'jobcenter-kreis-recklinghausen', year: 2021, signedIn: true }],
  DashboardKreis: [{ organisationId: 'kreis-recklinghausen' }],
  DashboardResponsible: [{ postcode: '45768', ask: true }],
  DashboardSearch: [{ search: 'Münster' }, {}],
};

/** Staff of a Jobcenter, signed in as viewers: the saved operations' internal fields (liaisons, participation) need it. */
export async function staffHeaders(): Promise<Record<string, string>> {
  const token = await signDevToken(
    { subject: 'staff', organisationId: 'jobcenter-muenster', roles: ['viewer'] },
    { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' },
  );
  return { authorization: `Bearer ${token}` };
}
