import { Grants, type Page, PageArgs, paginateArray, readPageArgs, readSearch } from '@jobcenter-hub/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { PartnerListArgs } from '../partner/partner.args';
import { type Partner, PartnerCategory } from '../partner/partner.entity';
import { PartnerCategoryCount, PartnerConnection } from '../partner/partner.types';
import { DistrictStub } from './district.stub';

@Resolver(() => DistrictStub)
export class DistrictPartnersResolver {
  @FieldResolver(() => PartnerConnection, {
    nullable: true,
    description:
      "The partners serving the district, ordered by name, optionally of one category or by name. Partners of another publisher than the district's show only while the district's owner grants them references (a district of the public reference layer needs none).",
  })
  async partners(
    @Root() district: DistrictStub,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => PartnerListArgs) args: PartnerListArgs,
    @Ctx() ctx: PartnersContext,
  ): Promise<Page<Partner>> {
    readPageArgs(page, 2);
    const search = readSearch(args.search);
    const grants = await Grants.of(ctx);
    const partners = await ctx.loaders.partnersByDistrict({ filter: { category: args.category, search }, grants }).load(district.id);
    return paginateArray(partners, page, (partner) => [partner.name, partner.id]);
  }

  @FieldResolver(() => [PartnerCategoryCount], {
    nullable: true,
    description:
      'How many partners of each category serve the district (those `partners` shows): every category, in the order of the enum, zeros included.',
  })
  async partnerCounts(@Root() district: DistrictStub, @Ctx() ctx: PartnersContext): Promise<PartnerCategoryCount[]> {
    const counts = await ctx.loaders.partnerCountsByDistrict(await Grants.of(ctx)).load(district.id);
    return Object.values(PartnerCategory).map((category) => ({ category, count: counts.get(category) ?? 0 }));
  }
}

/** The partners subgraph only extends District: a reference is its own key. */
export const resolveDistrictReference = (reference: { id: string }): DistrictStub => ({ id: reference.id });
