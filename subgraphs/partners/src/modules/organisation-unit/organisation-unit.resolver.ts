import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { Liaison } from '../liaison/liaison.entity';
import { Partner } from '../partner/partner.entity';
import { OrganisationUnitStub } from './organisation-unit.stub';

const byName = (a: Partner, b: Partner) => a.name.localeCompare(b.name, 'de') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

@Resolver(() => OrganisationUnitStub)
export class OrganisationUnitPartnersResolver {
  @FieldResolver(() => [Liaison], { description: 'How the unit works with partners.' })
  liaisons(@Root() unit: OrganisationUnitStub, @Ctx() ctx: PartnersContext): Promise<Liaison[]> {
    return ctx.loaders.liaisonsByUnit.load(unit.id);
  }

  @FieldResolver(() => [Partner], { description: 'The partners the unit has a liaison with, ordered by name.' })
  async partners(@Root() unit: OrganisationUnitStub, @Ctx() ctx: PartnersContext): Promise<Partner[]> {
    // Two loaders, so every unit of the request shares one liaison statement (also with `liaisons`) and
    // one partner statement (also with `Liaison.partner`); the order is therefore made here, not in SQL.
    const liaisons = await ctx.loaders.liaisonsByUnit.load(unit.id);
    const partnerIds = [...new Set(liaisons.map((liaison) => liaison.partner.id))];
    const partners = await ctx.loaders.partner.loadMany(partnerIds);
    return partners
      .filter((partner): partner is Partner => partner instanceof Partner && !partner.archivedAt)
      .sort(byName);
  }
}

/** The partners subgraph only extends OrganisationUnit: a reference is its own key. */
export const resolveOrganisationUnitReference = (reference: { id: string }): OrganisationUnitStub => ({ id: reference.id });
