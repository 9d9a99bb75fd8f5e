import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { OrganisationUnit, UnitKind } from '../organisation-unit/organisation-unit.entity';
import { Organisation, OrganisationKind } from './organisation.entity';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'One organisation by id; null when there is none.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> {
    return ctx.loaders.organisation.load(id);
  }

  @Query(() => [Organisation], { description: 'Organisations ordered by name, optionally of one kind.' })
  organisations(
    @Arg('kind', () => OrganisationKind, { nullable: true }) kind: OrganisationKind | undefined,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation[]> {
    return ctx.em.find(Organisation, { archivedAt: null, ...(kind ? { kind } : {}) }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation this one belongs to (e.g. a city department → its city).' })
  parent(@Root() organisation: Organisation, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> | null {
    return organisation.parent ? ctx.loaders.organisation.load(organisation.parent.id) : null;
  }

  @FieldResolver(() => [OrganisationUnit], { description: 'All units of the organisation, optionally of one kind.' })
  async units(
    @Root() organisation: Organisation,
    @Arg('kind', () => UnitKind, { nullable: true }) kind: UnitKind | undefined,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<OrganisationUnit[]> {
    const units = await ctx.loaders.unitsByOrganisation.load(organisation.id);
    return kind ? units.filter((unit) => unit.kind === kind) : units;
  }
}

/** `_entities` for Organisation: batched through the request's loader. */
export const resolveOrganisationReference = (reference: { id: string }, ctx: OrganisationsContext) =>
  ctx.loaders.organisation.load(reference.id);
