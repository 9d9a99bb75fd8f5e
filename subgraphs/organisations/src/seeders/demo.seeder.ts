import type { EntityManager } from '@mikro-orm/postgresql';
import type { Provenance } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { JobcenterModel, Organisation, OrganisationKind } from '../modules/organisation/organisation.entity';
import { OrganisationLink, OrganisationRelation } from '../modules/organisation-link/organisation-link.entity';
import { OrganisationUnit, TeamFunction, UnitKind } from '../modules/organisation-unit/organisation-unit.entity';

const { demoIds: ids, fromArticle, illustrative, publicRecord } = demo;

interface OrganisationSeed {
  id: string;
  name: string;
  kind: OrganisationKind;
  source: Provenance;
  jobcenterModel?: JobcenterModel;
  municipalityKeys?: string[];
  managingDirector?: string;
  parent?: string;
}

interface LinkSeed {
  organisation: string;
  linked: string;
  relation: OrganisationRelation;
  source: Provenance;
}

interface UnitSeed {
  id: string;
  organisation: string;
  name: string;
  kind: UnitKind;
  source: Provenance;
  parent?: string;
  employer?: string;
  teamFunction?: TeamFunction;
}

/** Invented city departments (the article names none): two of Münster's, one of a city of Kreis Recklinghausen. */
const DEPARTMENTS = [
  { id: `${ids.stadtMuenster}-jugendamt`, name: 'Jugendamt der Stadt Münster', city: ids.stadtMuenster, ags: demo.MUENSTER.ags! },
  { id: `${ids.stadtMuenster}-sozialamt`, name: 'Sozialamt der Stadt Münster', city: ids.stadtMuenster, ags: demo.MUENSTER.ags! },
  {
    id: `${ids.city('recklinghausen')}-sozialamt`,
    name: 'Sozialamt der Stadt Recklinghausen',
    city: ids.city('recklinghausen'),
    ags: demo.RECKLINGHAUSEN_CITIES.find((city) => city.slug === 'recklinghausen')!.ags!,
  },
] as const;

/** The demo organisations: the two Jobcenters of the article and the bodies around them, with invented city departments. */
export function demoOrganisations(): OrganisationSeed[] {
  const cities = demo.RECKLINGHAUSEN_CITIES;
  return [
    {
      id: ids.kreisRecklinghausen,
      name: 'Kreis Recklinghausen',
      kind: OrganisationKind.DISTRICT_COUNTY,
      municipalityKeys: cities.map((city) => city.ags!),
      source: fromArticle(
        'the most populous German Landkreis, with ten cities (the municipality register agrees: 614,137 inhabitants on 31 Dec 2019, more than any other Kreis except Region Hannover, a regional authority of its own kind)',
      ),
    },
    {
      id: ids.jobcenterRecklinghausen,
      name: 'Jobcenter Kreis Recklinghausen',
      kind: OrganisationKind.JOBCENTER,
      jobcenterModel: JobcenterModel.MUNICIPAL,
      municipalityKeys: cities.map((city) => city.ags!),
      managingDirector: 'Dominik Schad',
      parent: ids.kreisRecklinghausen,
      source: fromArticle('municipal Jobcenter led by managing director Dominik Schad from its headquarters in Recklinghausen'),
    },
    ...cities.map((city) => ({
      id: ids.city(city.slug),
      name: `Stadt ${city.name}`,
      kind: OrganisationKind.MUNICIPALITY,
      municipalityKeys: [city.ags!],
      parent: ids.kreisRecklinghausen,
      source: publicRecord(
        `City of Kreis Recklinghausen (article); official municipality key ${city.ags} from the German municipality register`,
      ),
    })),
    {
      id: ids.stadtMuenster,
      name: 'Stadt Münster',
      kind: OrganisationKind.MUNICIPALITY,
      municipalityKeys: [demo.MUENSTER.ags!],
      source: publicRecord(`Independent city; official municipality key ${demo.MUENSTER.ags} from the German municipality register`),
    },
    {
      id: ids.jobcenterMuenster,
      name: 'Jobcenter Münster',
      kind: OrganisationKind.JOBCENTER,
      jobcenterModel: JobcenterModel.MUNICIPAL,
      municipalityKeys: [demo.MUENSTER.ags!],
      managingDirector: 'Ralf Bierstedt',
      parent: ids.stadtMuenster,
      source: fromArticle("the city's municipal Jobcenter, managing director Ralf Bierstedt; organised by social space since 2017"),
    },
    ...DEPARTMENTS.map(({ id, name, city, ags }) => ({
      id,
      name,
      kind: OrganisationKind.CITY_DEPARTMENT,
      municipalityKeys: [ags],
      parent: city,
      source: illustrative(
        'a department of the city, named generically as an example of the city offices a Jobcenter works with; the article names none',
      ),
    })),
  ];
}

/**
 * The demo links, published by the Jobcenters: Recklinghausen's cities employ the district offices' staff
 * (article); each Jobcenter works with invented city departments, standing for what the article says:
 * Recklinghausen's district-office staff, as city employees, are closely linked to the city's other
 * offices; Münster's staff know the Kitas and go on street work with social workers. No `since`: the
 * article gives no dates.
 */
export function demoLinks(): LinkSeed[] {
  const re = ids.jobcenterRecklinghausen;
  const ms = ids.jobcenterMuenster;
  const [jugendamtMs, sozialamtMs, sozialamtRe] = DEPARTMENTS.map((department) => department.id);
  return [
    ...demo.RECKLINGHAUSEN_CITIES.map((city) => ({
      organisation: re,
      linked: ids.city(city.slug),
      relation: OrganisationRelation.STAFF_EMPLOYER,
      source: fromArticle(`the staff of the district office in ${city.name} are employees of that city`),
    })),
    {
      organisation: re,
      linked: sozialamtRe!,
      relation: OrganisationRelation.COOPERATES_WITH,
      source: illustrative(
        "the article says district-office staff, as employees of their city, are closely linked to the city's other offices; this department and the link to it are an invented example",
      ),
    },
    {
      organisation: ms,
      linked: jugendamtMs!,
      relation: OrganisationRelation.COOPERATES_WITH,
      source: illustrative(
        "the article says Münster's branch-office staff know all the Kitas of their district and go on street work with social workers; this link to the youth welfare office is an invented example",
      ),
    },
    {
      organisation: ms,
      linked: sozialamtMs!,
      relation: OrganisationRelation.COOPERATES_WITH,
      source: illustrative(
        "the article names no city department Münster's Jobcenter works with; this link to the social welfare office is an invented example",
      ),
    },
    {
      // References between publishers: the partners Jobcenter Münster publishes serve the city's districts.
      organisation: ids.stadtMuenster,
      linked: ms,
      relation: OrganisationRelation.GRANTS_REFERENCES,
      source: illustrative(
        "the article says Münster's branch offices know the partners of their city districts; that the city lets the Jobcenter's partner records name its districts is an invented example",
      ),
    },
  ];
}

/**
 * The demo's consents to references between publishers (GRANTS_REFERENCES, docs/security.md): every
 * record of the demo that points at another publisher's record is covered by one, so the demo shows
 * what it showed before references needed consent.
 * * Each Recklinghausen city grants Jobcenter Kreis Recklinghausen: its district office (a site of the
 *   Jobcenter) lies in the city's district record and serves it (service area), and the city employs
 *   the district office's staff (`OrganisationUnit.employer`).
 * * Stadt Münster grants Jobcenter Münster (that link is among `demoLinks`): the branch offices lie in
 *   and serve Münster's city districts, the Jobcenter's partners serve them (`District.partners`), and
 *   the Jobcenter belongs to the city (`Organisation.parent`).
 * * Kreis Recklinghausen grants its Jobcenter and its ten cities, and each city with departments grants
 *   them: they name it as their `parent`.
 */
export function demoGrants(): LinkSeed[] {
  const grant = (granter: string, grantee: string, why: string): LinkSeed => ({
    organisation: granter,
    linked: grantee,
    relation: OrganisationRelation.GRANTS_REFERENCES,
    source: illustrative(`demo consent to references (the article says nothing about it): ${why}`),
  });
  return [
    ...demo.RECKLINGHAUSEN_CITIES.map((city) =>
      grant(
        ids.city(city.slug),
        ids.jobcenterRecklinghausen,
        `the Jobcenter's district office in ${city.name} lies in and serves the city, whose employees staff it`,
      ),
    ),
    grant(ids.kreisRecklinghausen, ids.jobcenterRecklinghausen, 'the Jobcenter belongs to the Kreis'),
    ...demo.RECKLINGHAUSEN_CITIES.map((city) => grant(ids.kreisRecklinghausen, ids.city(city.slug), `${city.name} belongs to the Kreis`)),
    ...DEPARTMENTS.map((department) => grant(department.city, department.id, `the ${department.name} belongs to the city`)),
  ];
}

/** The demo units: Recklinghausen's 15 sites and Münster's seven branch offices with their teams. */
export function demoUnits(): UnitSeed[] {
  const re = ids.jobcenterRecklinghausen;
  const ms = ids.jobcenterMuenster;
  const teams: { suffix: 'vermittlung' | 'leistung' | 'eingang'; name: string; fn: TeamFunction }[] = [
    { suffix: 'vermittlung', name: 'Vermittlung', fn: TeamFunction.PLACEMENT },
    { suffix: 'leistung', name: 'Leistung', fn: TeamFunction.BENEFITS },
    { suffix: 'eingang', name: 'Eingangsbereich', fn: TeamFunction.RECEPTION },
  ];
  return [
    {
      id: ids.reHeadquarters,
      organisation: re,
      name: 'Zentrale Recklinghausen',
      kind: UnitKind.HEADQUARTERS,
      source: fromArticle('the managing director leads the Jobcenter from the headquarters in Recklinghausen'),
    },
    ...demo.RECKLINGHAUSEN_CITIES.map((city) => ({
      id: ids.reDistrictOffice(city.slug),
      organisation: re,
      parent: ids.reHeadquarters,
      name: `Bezirksstelle ${city.name}`,
      kind: UnitKind.DISTRICT_OFFICE,
      employer: ids.city(city.slug),
      source: fromArticle('one district office in each of the ten cities, staffed by employees of that city'),
    })),
    {
      id: ids.reRehaproHouse,
      organisation: re,
      parent: ids.reHeadquarters,
      name: 'Rehapro-Haus',
      kind: UnitKind.REHAPRO_HOUSE,
      source: fromArticle('a Rehapro house that links medical offers with vocational orientation'),
    },
    ...[1, 2, 3].map((n) => ({
      id: ids.reAcademy(n),
      organisation: re,
      parent: ids.reHeadquarters,
      name: `Jobakademie ${n}`,
      kind: UnitKind.JOB_ACADEMY,
      source: fromArticle('three job academies where Jobcenter staff support 3,500 participants a year especially intensively'),
    })),
    ...demo.MUENSTER_BRANCHES.flatMap((branch) => [
      {
        id: ids.msBranch(branch.slug),
        organisation: ms,
        name: branch.name,
        kind: UnitKind.BRANCH_OFFICE,
        source: illustrative(
          'the article states that since 2017 seven branch offices look after people by city district ("je nach Stadtbezirk"); this name and its district are invented',
        ),
      },
      ...teams.map((team) => ({
        id: ids.msTeam(branch.slug, team.suffix),
        organisation: ms,
        parent: ids.msBranch(branch.slug),
        name: `${branch.name} – ${team.name}`,
        kind: UnitKind.TEAM,
        teamFunction: team.fn,
        source: fromArticle('each branch office has its own placement and benefits areas and its own entrance'),
      })),
    ]),
  ];
}

/**
 * Writes the demo organisations, units and links in one transaction when the database has no organisation
 * yet. Returns whether it wrote anything.
 */
export async function seedIfEmpty(em: EntityManager): Promise<boolean> {
  if ((await em.count(Organisation, {})) > 0) return false;
  await em.transactional(async (tx) => {
    for (const seed of demoOrganisations()) {
      tx.create(Organisation, {
        ...seed,
        municipalityKeys: seed.municipalityKeys ?? [],
        parent: seed.parent ? tx.getReference(Organisation, seed.parent) : undefined,
        ownerId: seed.id,
      });
    }
    for (const seed of demoUnits()) {
      tx.create(OrganisationUnit, {
        ...seed,
        organisation: tx.getReference(Organisation, seed.organisation),
        parent: seed.parent ? tx.getReference(OrganisationUnit, seed.parent) : undefined,
        employer: seed.employer ? tx.getReference(Organisation, seed.employer) : undefined,
        ownerId: seed.organisation,
      });
    }
    for (const seed of [...demoLinks(), ...demoGrants()]) {
      tx.create(OrganisationLink, {
        ...seed,
        id: `link-${seed.organisation}-${seed.linked}-${seed.relation.toLowerCase().replace(/_/g, '-')}`,
        organisation: tx.getReference(Organisation, seed.organisation),
        linked: tx.getReference(Organisation, seed.linked),
        ownerId: seed.organisation,
      });
    }
  });
  return true;
}
