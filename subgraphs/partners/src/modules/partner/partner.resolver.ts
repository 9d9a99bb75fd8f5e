import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { DistrictStub } from '../district/district.stub';
import { Liaison } from '../liaison/liaison.entity';
import { Partner, PartnerCategory } from './partner.entity';

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => Partner, { nullable: true, description: 'One partner by id; null when there is none.' })
  partner(@Arg('id', () => ID) id: string, @Ctx() ctx: PartnersContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(id);
  }

  @Query(() => [Partner], { description: 'Partners ordered by name, optionally of one category or serving one district.' })
  partners(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order; this order prints
    // `partners(category, districtId)`, as the schema contract reads.
    @Arg('districtId', () => ID, { nullable: true }) districtId: string | undefined,
    @Arg('category', () => PartnerCategory, { nullable: true }) category: PartnerCategory | undefined,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partner[]> {
    return ctx.em.find(
      Partner,
      { archivedAt: null, ...(category ? { category } : {}), ...(districtId ? { districtIds: { $overlap: [districtId] } } : {}) },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
  }

  @FieldResolver(() => [DistrictStub], { description: 'The districts the partner serves.' })
  districts(@Root() partner: Partner): DistrictStub[] {
    return partner.districtIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [Liaison], { description: 'Which Jobcenter units work with the partner.' })
  liaisons(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<Liaison[]> {
    return ctx.loaders.liaisonsByPartner.load(partner.id);
  }
}

/** `_entities` for Partner: batched through the request's loader. */
export const resolvePartnerReference = (reference: { id: string }, ctx: PartnersContext) =>
  ctx.loaders.partner.load(reference.id);
