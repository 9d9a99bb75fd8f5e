import { cacheHint, type Page, PageArgs, paginateArray, readPageArgs, readSearch, RequireViewer, Grants } from '@jobcenter-hub/subgraph';
import { Args, Ctx, Directive, FieldResolver, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { PartnersContext } from '../../context';
import type { Liaison } from '../liaison/liaison.entity';
import { LiaisonConnection } from '../liaison/liaison.types';
import { PartnerListArgs } from '../partner/partner.args';
import { Partner } from '../partner/partner.entity';
import { PartnerConnection } from '../partner/partner.types';
import { OrganisationUnitStub } from './organisation-unit.stub';

@Resolver(() => OrganisationUnitStub)
export class OrganisationUnitPartnersResolver {
  @FieldResolver(() => LiaisonConnection, {
    nullable: true,
    description:
      "How the unit works with partners, ordered by id (internal: viewers and up). A liaison of another publisher than the unit's shows only while the unit's owner grants it references.",
  })
  @Directive(cacheHint.private)
  @UseMiddleware(RequireViewer)
  async liaisons(
    @Root() unit: OrganisationUnitStub,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: PartnersContext,
  ): Promise<Page<Liaison>> {
    readPageArgs(page, 1);
    return paginateArray(await ctx.loaders.liaisonsByUnit(await Grants.of(ctx)).load(unit.id), page, (liaison) => [liaison.id]);
  }

  @FieldResolver(() => PartnerConnection, {
    nullable: true,
    description:
      'The partners the unit has a liaison with, ordered by name, optionally of one category or by name (internal: viewers and up).',
  })
  @Directive(cacheHint.private)
  @UseMiddleware(RequireViewer)
  async partners(
    @Root() unit: OrganisationUnitStub,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => PartnerListArgs) args: PartnerListArgs,
    @Ctx() ctx: PartnersContext,
  ): Promise<Page<Partner>> {
    readPageArgs(page, 2);
    const search = readSearch(args.search);
    // Every unit of the request shares one liaison statement (also with `liaisons`) and one partner
    // statement per filter; without a filter, the partner statement of `Liaison.partner` and `_entities`.
    const liaisons = await ctx.loaders.liaisonsByUnit(await Grants.of(ctx)).load(unit.id);
    const partnerIds = [...new Set(liaisons.map((liaison) => liaison.partner.id))];
    const loader = args.category || search ? ctx.loaders.partnersMatching({ category: args.category, search }) : ctx.loaders.partner;
    const partners = (await loader.loadMany(partnerIds)).filter(
      (partner): partner is Partner => partner instanceof Partner && !partner.archivedAt,
    );
    return paginateArray(partners, page, (partner) => [partner.name, partner.id]);
  }
}

/** The partners subgraph only extends OrganisationUnit: a reference is its own key. */
export const resolveOrganisationUnitReference = (reference: { id: string }): OrganisationUnitStub => ({ id: reference.id });
