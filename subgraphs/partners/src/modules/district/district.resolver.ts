import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { Partner, PartnerCategory } from '../partner/partner.entity';
import { DistrictStub } from './district.stub';

@Resolver(() => DistrictStub)
export class DistrictPartnersResolver {
  @FieldResolver(() => [Partner], { description: 'The partners serving the district, ordered by name, optionally of one category.' })
  async partners(
    @Root() district: DistrictStub,
    @Arg('category', () => PartnerCategory, { nullable: true }) category: PartnerCategory | undefined,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partner[]> {
    // Filtered after loading, so districts asked with different categories still share one statement.
    const partners = await ctx.loaders.partnersByDistrict.load(district.id);
    return category ? partners.filter((partner) => partner.category === category) : partners;
  }
}

/** The partners subgraph only extends District: a reference is its own key. */
export const resolveDistrictReference = (reference: { id: string }): DistrictStub => ({ id: reference.id });
