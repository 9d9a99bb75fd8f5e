import type { EntityManager } from '@mikro-orm/postgresql';
import { type Provenance, type ScheduleData, Weekday } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { Liaison } from '../modules/liaison/liaison.entity';
import { type MeetingData, MeetingKind, Partner, PartnerCategory } from '../modules/partner/partner.entity';

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
  meetings: MeetingData[];
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
  [
    'nachbarschaftstreff-nord',
    'Nachbarschaftstreff Nord',
    'NEIGHBOURHOOD_INITIATIVE',
    ['nord'],
    'Residents meet to improve life in the quarter.',
  ],
  [
    'stadtteilinitiative-ost',
    'Stadtteilinitiative Ost',
    'NEIGHBOURHOOD_INITIATIVE',
    ['ost'],
    'Neighbourhood initiative with a monthly open meeting.',
  ],
  [
    'stadtteilinitiative-west',
    'Stadtteilinitiative West',
    'NEIGHBOURHOOD_INITIATIVE',
    ['west'],
    'Neighbourhood initiative of residents and local associations.',
  ],
  [
    'stadtteilforum-suedost',
    'Stadtteilforum Südost',
    'NEIGHBOURHOOD_INITIATIVE',
    ['suedost'],
    'Forum of residents, associations and services in the district.',
  ],
  [
    'buergerinitiative-hiltrup',
    'Bürgerinitiative Hiltrup',
    'NEIGHBOURHOOD_INITIATIVE',
    ['hiltrup'],
    'Citizens’ initiative for the quarter.',
  ],
  [
    'streetwork-innenstadt',
    'Streetwork Innenstadt',
    'STREET_WORK',
    ['mitte'],
    'Social workers meet people where they are in the city centre.',
  ],
  ['mobile-jugendarbeit-nord-ost', 'Mobile Jugendarbeit Nord-Ost', 'STREET_WORK', ['nord', 'ost'], 'Outreach youth work in two districts.'],
  [
    'cafe-rat-und-tat',
    'Beratungscafé Rat & Tat',
    'COUNSELLING_CAFE',
    ['mitte', 'west'],
    'Open counselling café: forms, letters, everyday questions.',
  ],
  [
    'beratungscafe-treffpunkt-suedost',
    'Beratungscafé Treffpunkt Südost',
    'COUNSELLING_CAFE',
    ['suedost'],
    'Counselling café in a community centre.',
  ],
  ['lernpaten-nord', 'Ehrenamtliche Lernpaten Nord', 'VOLUNTEER_INITIATIVE', ['nord'], 'Volunteers help pupils and adults with learning.'],
  [
    'nachbarschaftshilfe-hiltrup-suedost',
    'Nachbarschaftshilfe Hiltrup-Südost',
    'VOLUNTEER_INITIATIVE',
    ['hiltrup', 'suedost'],
    'Volunteers accompany neighbours to offices and appointments.',
  ],
  // Not a kind the article names (it names no debt or social counselling): an invented example of another social service.
  ['sozialberatung-ost', 'Schuldner- und Sozialberatung Ost', 'OTHER_SOCIAL_SERVICE', ['ost'], 'Debt and social counselling.'],
  [
    'stadtteilcafe-wolbecker-strasse',
    'Stadtteilcafé Wolbecker Straße',
    'COUNSELLING_CAFE',
    ['ost', 'mitte'],
    'Neighbourhood café with open counselling hours.',
  ],
];

const weekly = (hours: [Weekday, string, string][], closedOnPublicHolidays = true): ScheduleData => ({
  weekly: hours.map(([day, opens, closes]) => ({ day, opens, closes })),
  exceptions: [],
  closedOnPublicHolidays,
});

/** A monthly meeting on the `nth` weekday (OpenStreetMap's `Tu[1]`). */
const monthly = (nth: 1 | 2 | 3 | 4, day: Weekday, opens: string, closes: string): ScheduleData => ({
  weekly: [],
  monthly: [{ week: nth, day, opens, closes }],
  exceptions: [],
  closedOnPublicHolidays: false,
});

const inventedMeeting = illustrative(
  "the article says staff know where counselling cafés take place and go to neighbourhood initiatives' meetings; this meeting's title, times and place are invented",
);

/** The article names no debt or social counselling service; the partner and its hours are both invented. */
const NOT_IN_THE_ARTICLE = new Set(['sozialberatung-ost']);

/**
 * Invented meetings and café hours: the counselling cafés' weekly café hours, the neighbourhood
 * initiatives' monthly meetings (e.g. the first Tuesday of each month), the debt counselling's
 * consultation hours. The article names these kinds of meeting, but no times or places.
 */
function demoMeetings(): Record<string, MeetingData[]> {
  const meeting = (title: string, kind: MeetingKind, schedule: ScheduleData, place: string | null): MeetingData => ({
    title,
    kind,
    schedule,
    place,
    source:
      kind === MeetingKind.CONSULTATION
        ? illustrative('the article names no consultation hours of a counselling service; this meeting is invented')
        : inventedMeeting,
  });
  const { MO, TU, WE, TH, FR } = Weekday;
  return {
    'cafe-rat-und-tat': [
      meeting(
        'Offenes Beratungscafé',
        MeetingKind.CAFE_HOURS,
        weekly([
          [TU, '10:00', '12:00'],
          [TH, '15:00', '17:00'],
        ]),
        null,
      ),
    ],
    'beratungscafe-treffpunkt-suedost': [
      meeting('Beratungscafé im Gemeindezentrum', MeetingKind.CAFE_HOURS, weekly([[WE, '09:30', '12:00']]), 'Gemeindezentrum, Saal 1'),
    ],
    'stadtteilcafe-wolbecker-strasse': [
      meeting(
        'Café mit Beratung',
        MeetingKind.CAFE_HOURS,
        weekly([
          [MO, '14:00', '17:00'],
          [FR, '10:00', '12:30'],
        ]),
        null,
      ),
    ],
    'nachbarschaftstreff-nord': [meeting('Offenes Treffen', MeetingKind.MEETING, monthly(1, TU, '18:00', '20:00'), 'Stadtteilbüro Nord')],
    'stadtteilinitiative-ost': [meeting('Offenes Monatstreffen', MeetingKind.MEETING, monthly(2, WE, '19:00', '21:00'), 'Pfarrheim Ost')],
    'stadtteilinitiative-west': [meeting('Initiativtreffen', MeetingKind.MEETING, monthly(3, TH, '18:30', '20:30'), 'Bürgerhaus West')],
    'stadtteilforum-suedost': [meeting('Stadtteilforum', MeetingKind.MEETING, monthly(1, MO, '19:00', '21:00'), 'Gemeindezentrum, Saal 2')],
    'buergerinitiative-hiltrup': [
      meeting('Treffen der Bürgerinitiative', MeetingKind.MEETING, monthly(4, TU, '19:00', '21:00'), 'Stadthalle Hiltrup, Foyer'),
    ],
    'sozialberatung-ost': [
      meeting(
        'Offene Sprechstunde',
        MeetingKind.CONSULTATION,
        weekly([
          [MO, '14:00', '16:00'],
          [TH, '09:00', '12:00'],
        ]),
        null,
      ),
    ],
  };
}

/**
 * The demo partners: invented Münster partners of every kind the article names, in every city district,
 * with invented meetings and café hours.
 */
export function demoPartners(): PartnerSeed[] {
  const meetings = demoMeetings();
  return PARTNERS.map(([slug, name, category, districts, description], index) => ({
    id: `partner-${slug}`,
    name,
    category: PartnerCategory[category],
    description,
    districts: districts.map((district) => ids.district(`muenster-${district}`)),
    website: `https://${slug}.example.org`,
    email: `kontakt@${slug}.example.org`,
    phone: `+49 251 000 ${String(101 + index)}`,
    source: NOT_IN_THE_ARTICLE.has(slug)
      ? illustrative(
          'the article names no debt or social counselling service: this partner is an invented example of another social service a branch office might know; the name and details are invented',
        )
      : illustrative('the article names this kind of partner; the name and details are invented'),
    meetings: meetings[slug] ?? [],
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
 *
 * Jobcenter Münster publishes its network of partners (the invented partners are no organisations of
 * the hub), so the liaisons name their own organisation's units and partners. The districts the partners
 * serve are the city of Münster's: `stadt-muenster` grants Jobcenter Münster references (a demo link of
 * the organisations subgraph), so they show in `District.partners`.
 */
export async function seedIfEmpty(em: EntityManager): Promise<boolean> {
  if ((await em.count(Partner, {})) > 0) return false;
  const partners = demoPartners();
  const ownerId = ids.jobcenterMuenster;
  await em.transactional(async (tx) => {
    for (const { districts, meetings, ...seed } of partners) {
      tx.create(Partner, {
        ...seed,
        districtIds: districts,
        districtOwnerIds: districts.map(() => ids.stadtMuenster),
        meetingsData: meetings,
        ownerId,
      });
    }
    for (const seed of demoLiaisons(partners)) {
      tx.create(Liaison, { ...seed, partner: tx.getReference(Partner, seed.partner), unitOwnerId: ownerId, ownerId });
    }
  });
  return true;
}
