import { demo } from '@jobcenter-hub/demo';
import { execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createPartnersOrmConfig } from '../src/mikro-orm.config';
import { MeetingKind, Partner, PartnerCategory } from '../src/modules/partner/partner.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

// A partner has no municipality key: its meetings take the public holidays of the Land of its
// publisher's area (the owner organisation's municipality keys, asked of the real organisations peer).
const subgraph = useTestSubgraph({
  database: 'partners_holidays',
  createConfig: createPartnersOrmConfig,
  seed: (em) => seedIfEmpty(em),
  createServer,
  peers: ['organisations'],
});

// Thursday 4 June 2026, 15:30 in Münster: Fronleichnam, a holiday in North Rhine-Westphalia. The café
// Rat & Tat (published by Jobcenter Münster, area 05515000) meets on Thursdays 15:00–17:00.
const CORPUS_CHRISTI = '2026-06-04T13:30:00Z';
const A_WEEK_LATER = '2026-06-11T13:30:00Z';

describe("public holidays of a partner's meetings", () => {
  it("are those of the Land of the publisher's area", async () => {
    const { data, errors } = await execute<{
      partner: { meetings: { schedule: { publicHolidayLand: string; holiday: boolean; weekAfter: boolean } }[] };
    }>(
      subgraph.parts,
      `{ partner(id: "partner-cafe-rat-und-tat") { meetings { schedule {
        publicHolidayLand holiday: openAt(time: "${CORPUS_CHRISTI}") weekAfter: openAt(time: "${A_WEEK_LATER}") } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.partner.meetings.map((meeting) => meeting.schedule)).toEqual([
      { publicHolidayLand: 'DE-NW', holiday: false, weekAfter: true },
    ]);
  });

  it('count in partners(openAt:) too', async () => {
    const names = async (at: string) =>
      (
        await execute<{ partners: { nodes: { id: string }[] } }>(
          subgraph.parts,
          `{ partners(openAt: "${at}", first: 50) { nodes { id } } }`,
        )
      ).data!.partners.nodes.map((node) => node.id);
    expect(await names(A_WEEK_LATER)).toContain('partner-cafe-rat-und-tat');
    expect(await names(CORPUS_CHRISTI)).not.toContain('partner-cafe-rat-und-tat');
  });

  it('finds a meeting held only on an annual exception, every year', async () => {
    const em = subgraph.orm.em.fork();
    em.create(Partner, {
      id: 'test-christmas-cafe',
      name: 'Weihnachtscafé',
      category: PartnerCategory.COUNSELLING_CAFE,
      districtIds: [],
      ownerId: demo.demoIds.jobcenterMuenster,
      source: demo.illustrative('test data'),
      meetingsData: [
        {
          title: 'Weihnachtscafé',
          kind: MeetingKind.CAFE_HOURS,
          place: null,
          source: demo.illustrative('test data'),
          schedule: {
            weekly: [],
            exceptions: [],
            annual: [{ monthDay: '12-24', closed: false, hours: [{ opens: '10:00', closes: '12:00' }] }],
            closedOnPublicHolidays: true,
          },
        },
      ],
    });
    await em.flush();
    const ids = async (at: string) =>
      (
        await execute<{ partners: { nodes: { id: string }[] } }>(
          subgraph.parts,
          `{ partners(openAt: "${at}", first: 50) { nodes { id } } }`,
        )
      ).data!.partners.nodes.map((node) => node.id);
    expect(await ids('2027-12-24T09:30:00Z')).toContain('test-christmas-cafe'); // a Friday, 10:30
    expect(await ids('2030-12-24T09:30:00Z')).toContain('test-christmas-cafe'); // a Tuesday
    expect(await ids('2027-12-23T09:30:00Z')).not.toContain('test-christmas-cafe');
  });
});
