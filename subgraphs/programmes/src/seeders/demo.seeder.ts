import type { EntityManager } from '@mikro-orm/postgresql';
import { demo, type Provenance } from '@jobcenter-hub/kit';
import { Programme, ProgrammeKind } from '../modules/programme/programme.entity';

const { demoIds: ids, fromArticle } = demo;

interface ProgrammeSeed {
  id: string;
  name: string;
  kind: ProgrammeKind;
  source: Provenance;
  description?: string;
  targetGroup?: string;
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
      venueIds: demo.RECKLINGHAUSEN_CITIES.map((city) => ids.location(ids.reDistrictOffice(city.slug))),
      source: fromArticle(
        'whoever applies for benefits and is still close to the labour market gets an appointment as fast as possible; immediate measures to avoid long-term unemployment. ' +
          'The article does not say where they take place: the ten district offices as venues are an illustrative assumption',
      ),
    },
  ];
}

/**
 * Writes the demo programmes in one transaction when the database has no programme yet. Returns
 * whether it wrote anything.
 */
export async function seedIfEmpty(em: EntityManager): Promise<boolean> {
  if ((await em.count(Programme, {})) > 0) return false;
  await em.transactional(async (tx) => {
    for (const seed of demoProgrammes()) {
      tx.create(Programme, {
        ...seed,
        operatorId: ids.jobcenterRecklinghausen,
        ownerId: ids.jobcenterRecklinghausen,
        partnerIds: [],
      });
    }
  });
  return true;
}
