import type { FilterQuery } from '@mikro-orm/postgresql';
import {
  grantKey,
  type Page,
  PageArgs,
  paginateArray,
  paginateQuery,
  readId,
  readPageArgs,
  readSearch,
  referenceShows,
  referenceVisible,
} from '@jobcenter-hub/subgraph';
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
  async organisationUnits(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => OrganisationUnitsArgs) args: OrganisationUnitsArgs,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Page<OrganisationUnit>> {
    // Every argument is checked before the first statement.
    readPageArgs(page, 2);
    const search = readSearch(args.search);
    const organisationId = readId('organisationId', args.organisationId);
    // The units of one organisation, as its `units` shows them: its owner's own, and those of owners it
    // grants references (in SQL, so that pages and totalCount agree).
    let owners: string[] | undefined;
    if (organisationId) {
      const organisation = await ctx.loaders.organisation.load(organisationId);
      if (organisation) {
        const grants = await ctx.references.grants();
        const prefix = grantKey(organisation.ownerId, '');
        owners = [organisation.ownerId, ...[...grants].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length))];
      }
    }
    // A function: a search fragment serves one statement, and the page and its count are two.
    const where = (): FilterQuery<OrganisationUnit> => ({
      $and: [
        unitWhere({ kind: args.kind, search }),
        organisationId ? { organisation: organisationId } : {},
        owners ? { ownerId: { $in: owners } } : {},
      ],
    });
    return paginateQuery(ctx.em, OrganisationUnit, where, page);
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<Organisation> {
    return (await ctx.loaders.organisation.load(unit.organisation.id)) as Organisation;
  }

  @FieldResolver(() => OrganisationUnit, {
    nullable: true,
    description: "The unit this one is part of; null while the parent's owner does not grant this unit's owner references.",
  })
  async parent(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<OrganisationUnit | null> {
    if (!unit.parent) return null;
    const parent = await ctx.loaders.unit.load(unit.parent.id);
    return parent && (await referenceVisible(ctx.references, parent.ownerId, unit.ownerId)) ? parent : null;
  }

  @FieldResolver(() => OrganisationUnitConnection, {
    description:
      "The units directly below this one, ordered by name; `kind: TEAM` gives the teams of a branch office. Units of another publisher than this unit's show only while this unit's owner grants it references.",
  })
  async children(
    @Root() unit: OrganisationUnit,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => UnitChildrenArgs) args: UnitChildrenArgs,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Page<OrganisationUnit>> {
    readPageArgs(page, 2);
    const children = await ctx.loaders.unitsByParent({ kind: args.kind }).load(unit.id);
    const foreign = children.some((child) => child.ownerId !== unit.ownerId);
    const grants = foreign ? await ctx.references.grants() : new Set<string>();
    const shown = foreign ? children.filter((child) => referenceShows(grants, unit.ownerId, child.ownerId)) : children;
    return paginateArray(shown, page, (child) => [child.name, child.id]);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      "The employer of the unit's staff, when it is not the unit's own organisation (e.g. the city); null while the employer's owner does not grant this unit's owner references.",
  })
  async employer(@Root() unit: OrganisationUnit, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> {
    if (!unit.employer) return null;
    const employer = await ctx.loaders.organisation.load(unit.employer.id);
    return employer && (await referenceVisible(ctx.references, employer.ownerId, unit.ownerId)) ? employer : null;
  }
}

/** `_entities` for OrganisationUnit: batched through the request's loader. */
export const resolveOrganisationUnitReference = (reference: { id: string }, ctx: OrganisationsContext) =>
  ctx.loaders.unit.load(reference.id);
