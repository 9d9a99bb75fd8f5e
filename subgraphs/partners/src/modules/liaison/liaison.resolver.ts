import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { OrganisationUnitStub } from '../organisation-unit/organisation-unit.stub';
import { Partner } from '../partner/partner.entity';
import { Liaison } from './liaison.entity';

@Resolver(() => Liaison)
export class LiaisonResolver {
  @FieldResolver(() => OrganisationUnitStub, { nullable: true, description: 'The Jobcenter unit that works with the partner.' })
  unit(@Root() liaison: Liaison): OrganisationUnitStub {
    return { id: liaison.unitId };
  }

  @FieldResolver(() => Partner)
  async partner(@Root() liaison: Liaison, @Ctx() ctx: PartnersContext): Promise<Partner> {
    // The foreign key guarantees the row exists.
    return (await ctx.loaders.partner.load(liaison.partner.id)) as Partner;
  }
}
