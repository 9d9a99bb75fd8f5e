import type { EntityManager } from '@mikro-orm/postgresql';
import { demo, type Provenance } from '@jobcenter-hub/kit';
import { Liaison } from '../modules/liaison/liaison.entity';
import { Partner, PartnerCategory } from '../modules/partner/partner.entity';

const { demoIds: ids, fromArticle, illustrative } = demo;

interface PartnerSeed {
  id: string;
  name: string;
  category: PartnerCategory;
  description: string;
  /** District slugs (the locations subgraph's district ids). */
  districts: string[];
  website: string;
  email: string;
  phone: string;
  source: Provenance;
}

interface LiaisonSeed {
  id: string;
  unitId: string;
  partner: string;
  activity: string;
  source: Provenance;
}

type Category = keyof typeof PartnerCategory;

// [slug, name, category, districts (without the "muenster-" prefix), description]
const PARTNERS: readonly [string, string, Category, string[], string][] = [
  ['kita-sonnenblume', 'Kita Sonnenblume', 'KITA', ['nord'], 'Day-care centre for children from one to six.'],
  ['kita-pusteblume', 'Kita Pusteblume', 'KITA', ['nord'], 'Day-care centre with a parents’ café.'],
  ['familienzentrum-lindenweg', 'Familienzentrum Kita Lindenweg', 'KITA', ['west'], 'Day-care centre and family centre.'],
  ['nachbarschaftstreff-nord', 'Nachbarschaftstreff Nord', 'NEIGHBOURHOOD_INITIATIVE', ['nord'], 'Residents meet to improve life in the quarter.'],
  ['stadtteilinitiative-ost', 'Stadtteilinitiative Ost', 'NEIGHBOURHOOD_INITIATIVE', ['ost'], 'Neighbourhood initiative with a monthly open meeting.'],
  ['stadtteilinitiative-west', 'Stadtteilinitiative West', 'NEIGHBOURHOOD_INITIATIVE', ['west'], 'Neighbourhood initiative of residents and local associations.'],
  ['stadtteilforum-suedost', 'Stadtteilforum Südost', 'NEIGHBOURHOOD_INITIATIVE', ['suedost'], 'Forum of residents, associations and services in the district.'],
  ['buergerinitiative-hiltrup', 'Bürgerinitiative Hiltrup', 'NEIGHBOURHOOD_INITIATIVE', ['hiltrup'], 'Citizens’ initiative for the quarter.'],
  ['streetwork-innenstadt', 'Streetwork Innenstadt', 'STREET_WORK', ['mitte'], 'Social workers meet people where they are in the city centre.'],
  ['mobile-jugendarbeit-nord-ost', 'Mobile Jugendarbeit Nord-Ost', 'STREET_WORK', ['nord', 'ost'], 'Outreach youth work in two districts.'],
  ['cafe-rat-und-tat', 'Beratungscafé Rat & Tat', 'COUNSELLING_CAFE', ['mitte', 'west'], 'Open counselling café: forms, letters, everyday questions.'],
  ['beratungscafe-treffpunkt-suedost', 'Beratungscafé Treffpunkt Südost', 'COUNSELLING_CAFE', ['suedost'], 'Counselling café in a community centre.'],
  ['lernpaten-nord', 'Ehrenamtliche Lernpaten Nord', 'VOLUNTEER_INITIATIVE', ['nord'], 'Volunteers help pupils and adults with learning.'],
  ['nachbarschaftshilfe-hiltrup-suedost', 'Nachbarschaftshilfe Hiltrup-Südost', 'VOLUNTEER_INITIATIVE', ['hiltrup', 'suedost'], 'Volunteers accompany neighbours to offices and appointments.'],
  ['sozialberatung-ost', 'Schuldner- und Sozialberatung Ost', 'OTHER_SOCIAL_SERVICE', ['ost'], 'Debt and social counselling.'],
];

/** The demo partners: invented Münster partners of every kind the article names, in every city district. */
export function demoPartners(): PartnerSeed[] {
  return PARTNERS.map(([slug, name, category, districts, description], index) => ({
    id: `partner-${slug}`,
    name,
    category: PartnerCategory[category],
    description,
    districts: districts.map((district) => ids.district(`muenster-${district}`)),
    website: `https://${slug}.example.org`,
    email: `kontakt@${slug}.example.org`,
    phone: `+49 251 000 ${String(101 + index)}`,
    source: illustrative('the article names this kind of partner; the name and details are invented'),
  }));
}

/** What the article says branch-office staff do with each kind of partner they have a liaison with. */
const COOPERATION: Partial<Record<PartnerCategory, { activity: string; source: Provenance }>> = {
  [PartnerCategory.NEIGHBOURHOOD_INITIATIVE]: {
    activity: "attends the neighbourhood initiative's meetings",
    source: fromArticle("Münster's branch-office staff go to meetings of neighbourhood initiatives"),
  },
  [PartnerCategory.STREET_WORK]: {
    activity: 'partly goes along with social workers on street work',
    source: fromArticle("Münster's branch-office staff partly go with social workers on street work"),
  },
};

/**
 * The demo liaisons: each Münster branch office's placement team with the neighbourhood initiatives and
 * street work of its district. The article gives neither start dates nor meeting frequencies, so
 * `since` and `meetingFrequency` stay empty rather than invented under an ARTICLE source.
 */
export function demoLiaisons(partners: PartnerSeed[] = demoPartners()): LiaisonSeed[] {
  return demo.MUENSTER_BRANCHES.flatMap((branch) => {
    const unitId = ids.msTeam(branch.slug, 'vermittlung');
    return partners.flatMap((partner) => {
      const cooperation = COOPERATION[partner.category];
      if (!cooperation || !partner.districts.includes(branch.district)) return [];
      return [{ id: `liaison-${unitId}-${partner.id}`, unitId, partner: partner.id, ...cooperation }];
    });
  });
}

/**
 * Writes the demo partners and liaisons in one transaction when the database has no partner yet.
 * Returns whether it wrote anything.
 */
export async function seedIfEmpty(em: EntityManager): Promise<boolean> {
  if ((await em.count(Partner, {})) > 0) return false;
  const partners = demoPartners();
  await em.transactional(async (tx) => {
    for (const { districts, ...seed } of partners) {
      tx.create(Partner, { ...seed, districtIds: districts, ownerId: seed.id });
    }
    for (const seed of demoLiaisons(partners)) {
      tx.create(Liaison, { ...seed, partner: tx.getReference(Partner, seed.partner), ownerId: ids.jobcenterMuenster });
    }
  });
  return true;
}
