// The shapes of the saved operations' answers the dashboard reads (operations/Dashboard*.graphql).
export type Availability = 'AVAILABLE' | 'FEW' | 'FULL';

export interface Source {
  kind: 'ARTICLE' | 'PUBLIC_RECORD' | 'ILLUSTRATIVE' | 'PUBLISHER';
  citation: string;
}

export interface Indicator {
  id: string;
  year: number;
  population: number;
  benefitRecipients: number;
  benefitRate: number;
  source: Source;
}

export interface TransportStop {
  name: string;
  mode: string;
  lines: string[];
  walkingMinutes: number;
}

export interface Site {
  id: string;
  name: string;
  kind: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  latitude: number;
  longitude: number;
  /** Signed-in callers only (the operation leaves it out otherwise). */
  programmePlaces?: number | null;
  /** For everyone: free places in bands; null when no intake is upcoming. */
  programmeAvailability: Availability | null;
  source: Source;
  openingHours: { isOpen: boolean; openingHours: string } | null;
  transportStops: TransportStop[];
  accessibility: { stepFree: boolean | null; lift: boolean | null };
}

export interface DistrictFigures {
  id: string;
  name: string;
  kind: string;
  officialKey: string | null;
  latitude: number | null;
  longitude: number | null;
  areaKm2: number | null;
  source: Source;
  /** The register's newest figure (Zensus 2022 for a Gemeinde; sums above); null for city districts. */
  population: { count: number; year: number; date: string; source: Source } | null;
  indicators: Indicator[];
  locations: { totalCount: number; nodes: Site[] };
  partnerCounts: { category: string; count: number }[] | null;
}

export interface DashboardDistrictData {
  district:
    | (DistrictFigures & {
        parent: { id: string; name: string } | null;
        children: { totalCount: number; nodes: DistrictFigures[] };
      })
    | null;
}

export interface DashboardSearchData {
  districts: {
    totalCount: number;
    nodes: { id: string; name: string; kind: string; officialKey: string | null; parent: { id: string; name: string } | null }[];
  } | null;
  jobcenters: { nodes: { id: string; name: string; kind: string }[] } | null;
}

export interface Intake {
  id: string;
  startsOn: string;
  places: number;
  /** Signed-in callers only. */
  freePlaces?: number | null;
  availability: Availability;
  source: Source;
  venue: { id: string; name: string };
}

export interface DashboardJobcenterData {
  organisation: {
    id: string;
    name: string;
    kind: string;
    jobcenterModel: string | null;
    managingDirector: string | null;
    municipalityKeys: string[];
    source: Source;
    units: { totalCount: number; nodes: { id: string; name: string; kind: string; source: Source }[] };
    locations: {
      totalCount: number;
      nodes: (Omit<Site, 'transportStops' | 'accessibility'> & { district: { id: string; name: string } })[];
    } | null;
    programmes: {
      totalCount: number;
      nodes: {
        id: string;
        name: string;
        kind: string;
        capacityPerYear: number | null;
        participantsPerYear: number | null;
        daysPerWeekMax: number | null;
        source: Source;
        upcomingIntakes: { totalCount: number; nodes: Intake[] };
        participation?: { id: string; year: number; participants: number; source: Source; venue: { id: string; name: string } | null }[];
      }[];
    } | null;
    participants: number | null;
  } | null;
}

export interface WeeklyHours {
  day: 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
  opens: string;
  closes: string;
}

export interface Schedule {
  isOpen: boolean;
  openingHours: string;
  closedOnPublicHolidays: boolean;
  weekly: WeeklyHours[];
  exceptions: { date: string; closed: boolean; hours: { opens: string; closes: string }[] }[];
}

export interface DashboardResponsibleData {
  responsibleLocations?: {
    totalCount: number;
    places: {
      matchedBy: string;
      approximate: boolean;
      distanceKm: number | null;
      postcode: string | null;
      postcodeSpansSeveral: boolean;
      placeName: string | null;
      hasSitesInHub: boolean;
      explanation: string;
      source: Source;
      municipality: { id: string; name: string; kind: string; officialKey: string | null; jobcenter: { id: string; name: string } | null };
      kreis: { id: string; name: string; kind: string } | null;
    }[];
    nodes: {
      matchedBy: string;
      postcodes: string[];
      district: { id: string; name: string };
      location: {
        id: string;
        name: string;
        kind: string;
        street: string;
        houseNumber: string;
        postcode: string;
        city: string;
        latitude: number;
        longitude: number;
        source: Source;
        unit: { id: string; name: string } | null;
        organisation: { id: string; name: string } | null;
        openingHours: Schedule | null;
        transportStops: TransportStop[];
        accessibility: { stepFree: boolean | null; lift: boolean | null; accessibleToilet: boolean | null; hearingLoop: boolean | null };
        entrances: { name: string; description: string | null; stepFree: boolean | null }[];
      };
    }[];
  } | null;
  locations: {
    totalCount: number;
    nodes: { id: string; name: string; kind: string; city: string; latitude: number; longitude: number }[];
  } | null;
}
