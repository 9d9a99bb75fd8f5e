import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { Organisation } from '../organisation/organisation.entity';
import { OrganisationUnit } from './organisation-unit.entity';

@Resolver(() => OrganisationUnit)
export class OrganisationUnitResolver {
  @Query(() => OrganisationUnit, { nullable: true, description: 'One unit by id; null when there is none.' })
  organisationUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganisationsContext): Promise<OrganisationUnit | null> {
    return ctx.loaders.unit.load(id);
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<Organisation> {
    return (await ctx.loaders.organisation.load(unit.organisation.id)) as Organisation;
  }

  @FieldResolver(() => OrganisationUnit, { nullable: true, description: 'The unit this one is part of.' })
  parent(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<OrganisationUnit | null> | null {
    return unit.parent ? ctx.loaders.unit.load(unit.parent.id) : null;
  }

  @FieldResolver(() => [OrganisationUnit], { description: 'The units directly below this one (e.g. the teams of a branch office).' })
  children(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<OrganisationUnit[]> {
    return ctx.loaders.unitsByParent.load(unit.id);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: "The employer of the unit's staff, when it is not the unit's own organisation (e.g. the city).",
  })
  employer(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> | null {
    return unit.employer ? ctx.loaders.organisation.load(unit.employer.id) : null;
  }
}

/** `_entities` for OrganisationUnit: batched through the request's loader. */
export const resolveOrganisationUnitReference = (reference: { id: string }, ctx: OrganisationsContext) =>
  ctx.loaders.unit.load(reference.id);
