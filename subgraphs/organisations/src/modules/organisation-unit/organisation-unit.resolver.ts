import type { FilterQuery } from '@mikro-orm/postgresql';
import { type Page, PageArgs, paginateArray, paginateQuery, readId, readPageArgs, readSearch } from '@jobcenter-hub/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { Organisation } from '../organisation/organisation.entity';
import { OrganisationUnitsArgs, UnitChildrenArgs } from './organisation-unit.args';
import { OrganisationUnit } from './organisation-unit.entity';
import { unitWhere } from './organisation-unit.loader';
import { OrganisationUnitConnection } from './organisation-unit.types';

@Resolver(() => OrganisationUnit)
export class OrganisationUnitResolver {
  @Query(() => OrganisationUnit, { nullable: true, description: 'One unit by id; null when there is none.' })
  organisationUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganisationsContext): Promise<OrganisationUnit | null> {
    return ctx.loaders.unit.load(id);
  }

  @Query(() => OrganisationUnitConnection, { description: 'Units ordered by name, filtered by organisation, kind and name.' })
  organisationUnits(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => OrganisationUnitsArgs) args: OrganisationUnitsArgs,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Page<OrganisationUnit>> {
    // Every argument is checked before the first statement.
    readPageArgs(page, 2);
    const search = readSearch(args.search);
    const organisationId = readId('organisationId', args.organisationId);
    // A function: a search fragment serves one statement, and the page and its count are two.
    const where = (): FilterQuery<OrganisationUnit> => ({
      $and: [unitWhere({ kind: args.kind, search }), organisationId ? { organisation: organisationId } : {}],
    });
    return paginateQuery(ctx.em, OrganisationUnit, where, page);
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<Organisation> {
    return (await ctx.loaders.organisation.load(unit.organisation.id)) as Organisation;
  }

  @FieldResolver(() => OrganisationUnit, { nullable: true, description: 'The unit this one is part of.' })
  parent(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<OrganisationUnit | null> | null {
    return unit.parent ? ctx.loaders.unit.load(unit.parent.id) : null;
  }

  @FieldResolver(() => OrganisationUnitConnection, {
    description: 'The units directly below this one, ordered by name; `kind: TEAM` gives the teams of a branch office.',
  })
  async children(
    @Root() unit: OrganisationUnit,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => UnitChildrenArgs) args: UnitChildrenArgs,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Page<OrganisationUnit>> {
    readPageArgs(page, 2);
    const children = await ctx.loaders.unitsByParent({ kind: args.kind }).load(unit.id);
    return paginateArray(children, page, (child) => [child.name, child.id]);
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
