import type { EntityManager } from '@mikro-orm/postgresql';
import { localTime, type Provenance } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { Intake } from '../modules/intake/intake.entity';
import { Participation } from '../modules/participation/participation.entity';
import { Programme, ProgrammeKind } from '../modules/programme/programme.entity';

const { demoIds: ids, fromArticle, illustrative } = demo;

interface ProgrammeSeed {
  id: string;
  name: string;
  kind: ProgrammeKind;
  source: Provenance;
  description?: string;
  targetGroup?: string;
  eligibility?: string;
  participantsPerYear?: number;
  daysPerWeekMax?: number;
  venueIds: string[];
}

/**
 * The demo programmes: the four offers of Jobcenter Kreis Recklinghausen the article describes. Only
 * the article's figures are filled in; every number the article does not give stays null.
 */
export function demoProgrammes(): ProgrammeSeed[] {
  const academies = [1, 2, 3].map((n) => ids.location(ids.reAcademy(n)));
  return [
    {
      id: 'jcre-programm-jobakademie',
      name: 'Jobakademie',
      kind: ProgrammeKind.JOB_ACADEMY,
      description: 'Besonders intensive Betreuung durch das Personal des Jobcenters an drei Akademiestandorten.',
      participantsPerYear: 3500,
      daysPerWeekMax: 3,
      venueIds: academies,
      source: fromArticle(
        'at its three job academies the Jobcenter staff support 3,500 participants a year especially intensively; people come to the academy up to three days a week',
      ),
    },
    {
      id: 'jcre-programm-einzelcoaching',
      name: 'Einzelcoaching in der Jobakademie',
      kind: ProgrammeKind.INDIVIDUAL_COACHING,
      description: 'Einzelcoachings für Teilnehmende der Jobakademien.',
      eligibility: 'Teilnehmende der Jobakademien',
      venueIds: academies,
      source: fromArticle('people come to the academy up to three days a week, partly for individual coaching'),
    },
    {
      id: 'jcre-programm-rehapro',
      name: 'Rehapro',
      kind: ProgrammeKind.REHAPRO,
      description: 'Verknüpft medizinische Angebote mit beruflicher Orientierung.',
      venueIds: [ids.location(ids.reRehaproHouse)],
      source: fromArticle('a Rehapro house that links medical offers with vocational orientation'),
    },
    {
      id: 'jcre-programm-sofortmassnahmen',
      name: 'Sofortmaßnahmen',
      kind: ProgrammeKind.IMMEDIATE_ACTIVATION,
      description: 'Schnellstmöglich ein Termin, um Langzeitarbeitslosigkeit zu vermeiden.',
      targetGroup: 'Menschen, die Leistungen beantragen und noch nah am Arbeitsmarkt sind',
      eligibility: 'Wer Leistungen beantragt und noch nah am Arbeitsmarkt ist',
      venueIds: demo.RECKLINGHAUSEN_CITIES.map((city) => ids.location(ids.reDistrictOffice(city.slug))),
      source: fromArticle(
        'whoever applies for benefits and is still close to the labour market gets an appointment as fast as possible; immediate measures to avoid long-term unemployment. ' +
          'The article does not say where they take place: the ten district offices as venues are an illustrative assumption',
      ),
    },
  ];
}

/**
 * The article's only participation figure: "jährlich 3.500 Teilnehmende" at the three job academies,
 * across all of them. The article (15 November 2021) says "a year" without naming one: it is recorded
 * for 2021, the year of the article. Nothing per venue: the article gives no split.
 */
export function demoParticipation() {
  return [
    {
      id: 'jcre-programm-jobakademie-teilnehmende-2021',
      programmeId: 'jcre-programm-jobakademie',
      year: 2021,
      venueId: null,
      participants: 3500,
      source: fromArticle(
        '"jährlich 3.500 Teilnehmende" at the three job academies together; recorded for 2021, the year of the article, which names no year',
      ),
    },
  ];
}

/** The first Monday of the month `monthsAhead` months after the month of `today` (YYYY-MM-DD). */
export function firstMondayOfMonth(today: string, monthsAhead: number): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 + monthsAhead, 1));
  first.setUTCDate(1 + ((8 - first.getUTCDay()) % 7));
  return first.toISOString().slice(0, 10);
}

const INVENTED_INTAKE = illustrative(
  'the article names no intakes: start dates (first Mondays of the coming months, counted from the day the demo data was written), places and places taken are invented',
);

/**
 * Illustrative intakes, all upcoming when written: two starts at each job academy and two at the Rehapro
 * house, some full, some open. Dates are relative to `today` (the day of seeding, Europe/Berlin), so the
 * demo always shows upcoming intakes when fresh and tests can recompute them; the numbers are fixed.
 * Immediate activation and individual coaching have no intakes: appointments and coaching sessions, not
 * groups that start together.
 */
export function demoIntakes(today: string) {
  const academy = (n: number) => ids.location(ids.reAcademy(n));
  const rehaproHouse = ids.location(ids.reRehaproHouse);
  const plan = [
    { id: 'jobakademie-start-1-1', programme: 'jobakademie', venueId: academy(1), monthsAhead: 1, places: 25, placesTaken: 25 },
    { id: 'jobakademie-start-1-2', programme: 'jobakademie', venueId: academy(1), monthsAhead: 2, places: 25, placesTaken: 12 },
    { id: 'jobakademie-start-2-1', programme: 'jobakademie', venueId: academy(2), monthsAhead: 1, places: 20, placesTaken: 15 },
    { id: 'jobakademie-start-2-2', programme: 'jobakademie', venueId: academy(2), monthsAhead: 2, places: 20, placesTaken: 0 },
    { id: 'jobakademie-start-3-1', programme: 'jobakademie', venueId: academy(3), monthsAhead: 1, places: 18, placesTaken: 11 },
    { id: 'jobakademie-start-3-2', programme: 'jobakademie', venueId: academy(3), monthsAhead: 2, places: 18, placesTaken: 3 },
    { id: 'rehapro-start-1', programme: 'rehapro', venueId: rehaproHouse, monthsAhead: 1, places: 12, placesTaken: 12 },
    { id: 'rehapro-start-2', programme: 'rehapro', venueId: rehaproHouse, monthsAhead: 3, places: 12, placesTaken: 4 },
  ];
  return plan.map(({ id, programme, monthsAhead, ...intake }) => ({
    ...intake,
    id: `jcre-programm-${id}`,
    programmeId: `jcre-programm-${programme}`,
    startsOn: firstMondayOfMonth(today, monthsAhead),
    source: INVENTED_INTAKE,
  }));
}

/**
 * Writes the demo programmes, their participation figure and illustrative intakes in one transaction
 * when the database has no programme yet. Returns whether it wrote anything. `today` (Europe/Berlin)
 * anchors the intake dates.
 */
export async function seedIfEmpty(em: EntityManager, today = localTime(new Date()).date): Promise<boolean> {
  if ((await em.count(Programme, {})) > 0) return false;
  // Jobcenter Kreis Recklinghausen runs its programmes at its own sites: every reference is its own.
  const ownerId = ids.jobcenterRecklinghausen;
  await em.transactional(async (tx) => {
    for (const seed of demoProgrammes()) {
      tx.create(Programme, {
        ...seed,
        operatorId: ownerId,
        operatorOwnerId: ownerId,
        venueOwnerIds: seed.venueIds.map(() => ownerId),
        ownerId,
        partnerIds: [],
      });
    }
    for (const { programmeId, ...figure } of demoParticipation()) {
      tx.create(Participation, { ...figure, programme: programmeId, ownerId });
    }
    for (const { programmeId, ...intake } of demoIntakes(today)) {
      tx.create(Intake, { ...intake, programme: programmeId, venueOwnerId: ownerId, ownerId });
    }
  });
  return true;
}
