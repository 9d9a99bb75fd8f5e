import { raw } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/postgresql';
import {
  answerIsLive,
  cacheHint,
  isOpenAt,
  localTime,
  type Page,
  PageArgs,
  paginateArray,
  paginateQuery,
  readId,
  readPageArgs,
  readSearch,
  RequireViewer,
  toSchedule,
  Grants,
} from '@jobcenter-hub/subgraph';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Info, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { DistrictStub } from '../district/district.stub';
import type { Liaison } from '../liaison/liaison.entity';
import { LiaisonConnection } from '../liaison/liaison.types';
import { PartnersArgs } from './partner.args';
import { readOpenFilter } from './partner.checks';
import { Meeting, Partner } from './partner.entity';
import { partnerWhere } from './partner.loader';
import { holidayRegionOfOwner } from './partner.holidays';
import { servesDistrictsVisibly, visibleDistrictIds } from './partner.queries';
import { PartnerConnection } from './partner.types';

/** The ids of the partners matching `where` that have a meeting going on at `instant`. */
async function partnerIdsOpenAt(ctx: PartnersContext, where: FilterQuery<Partner>, instant: Date): Promise<string[]> {
  const { em } = ctx;
  // Only partners with a weekly or monthly meeting on that local weekday or with an exception on that date
  // (dated, or annual on that month and day) can be open (a superset: the `@>` tests use the GIN index);
  // the exact test, with times, exceptions and the public holidays of the owner's Land, runs here on those
  // few. The candidates are bounded by one day's meetings, not by the list.
  const { date, day } = localTime(instant);
  const candidates = await em.find(Partner, {
    $and: [
      where,
      {
        [raw(
          (alias: string) =>
            `(${alias}.meetings_data @> ?::jsonb or ${alias}.meetings_data @> ?::jsonb or ${alias}.meetings_data @> ?::jsonb or ${alias}.meetings_data @> ?::jsonb)`,
          [
            JSON.stringify([{ schedule: { weekly: [{ day }] } }]),
            JSON.stringify([{ schedule: { monthly: [{ day }] } }]),
            JSON.stringify([{ schedule: { exceptions: [{ date }] } }]),
            JSON.stringify([{ schedule: { annual: [{ monthDay: date.slice(5) }] } }]),
          ],
        )]: [],
      },
    ],
  } as FilterQuery<Partner>);
  const regions = await Promise.all(candidates.map((partner) => holidayRegionOfOwner(partner.ownerId, ctx)));
  return candidates
    .filter((partner, index) => partner.meetingsData.some((meeting) => isOpenAt(meeting.schedule, instant, regions[index])))
    .map((partner) => partner.id);
}

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => Partner, { nullable: true, description: 'One partner by id; null when there is none.' })
  partner(@Arg('id', () => ID) id: string, @Ctx() ctx: PartnersContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(id);
  }

  @Query(() => PartnerConnection, {
    description: 'Partners ordered by name, filtered by category, district, name and whether they meet now or at an instant.',
  })
  async partners(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => PartnersArgs) args: PartnersArgs,
    @Ctx() ctx: PartnersContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Partner>> {
    // Every argument is checked before the first statement.
    readPageArgs(page, 2);
    const search = readSearch(args.search);
    const districtId = readId('districtId', args.districtId);
    const openFilter = readOpenFilter(args.openNow, args.openAt, ctx.now);
    // A partner of another publisher shows in a district only while the district's owner grants it references.
    const grants = districtId ? await Grants.of(ctx) : undefined;

    // A function: a search fragment serves one statement, and this sends up to three.
    const where = (): FilterQuery<Partner> => ({
      $and: [
        partnerWhere({ category: args.category, search }),
        districtId ? { districtIds: { $overlap: [districtId] } } : {},
        districtId ? servesDistrictsVisibly([districtId], grants!) : {},
      ],
    });
    if (!openFilter) return paginateQuery(ctx.em, Partner, where, page);
    if (openFilter.live) answerIsLive(info);
    const open = await partnerIdsOpenAt(ctx, where(), openFilter.instant);
    return paginateQuery(ctx.em, Partner, () => ({ $and: [where(), { id: openFilter.open ? { $in: open } : { $nin: open } }] }), page);
  }

  @FieldResolver(() => [DistrictStub], {
    description:
      "The districts the partner serves (a short list, stored with the partner). Another publisher's district shows only while its owner grants the partner's owner references (a district of the public reference layer needs none); archived districts are left out.",
  })
  async districts(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<DistrictStub[]> {
    const ids = visibleDistrictIds(partner, await Grants.of(ctx));
    // One call to the locations subgraph for every district of the request.
    const states = await Promise.all(ids.map((id) => ctx.references.state('District', id)));
    return ids.filter((_, index) => states[index]?.archived === false).map((id) => ({ id }));
  }

  @FieldResolver(() => [Meeting], {
    description:
      "Recurring meetings, café and consultation hours, ordered by title. Their public holidays are those of the Land of the partner's publisher's area (its municipality keys), see `Schedule.publicHolidayLand`.",
  })
  async meetings(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<Meeting[]> {
    const region = partner.meetingsData.length > 0 ? await holidayRegionOfOwner(partner.ownerId, ctx) : null;
    return [...partner.meetingsData]
      .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
      .map((meeting) => ({ ...meeting, place: meeting.place ?? null, schedule: toSchedule(meeting.schedule, region) }));
  }

  // Nullable: an anonymous caller gets null and an error here, not a null partner (or list) around it.
  @FieldResolver(() => LiaisonConnection, {
    nullable: true,
    description:
      'Which Jobcenter units work with the partner, ordered by id (internal: viewers and up). A liaison shows only while the owners of its unit and of the partner are its own owner or grant it references.',
  })
  @Directive(cacheHint.private)
  @UseMiddleware(RequireViewer)
  async liaisons(@Root() partner: Partner, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: PartnersContext): Promise<Page<Liaison>> {
    readPageArgs(page, 1);
    return paginateArray(await ctx.loaders.liaisonsByPartner(await Grants.of(ctx)).load(partner.id), page, (liaison) => [liaison.id]);
  }
}

/** `_entities` for Partner: batched through the request's loader. */
export const resolvePartnerReference = (reference: { id: string }, ctx: PartnersContext) => ctx.loaders.partner.load(reference.id);
