import type { FilterQuery } from '@mikro-orm/postgresql';
import {
  matchesText,
  type Page,
  PageArgs,
  paginateArray,
  paginateQuery,
  readPageArgs,
  readSearch,
  referenceShows,
  referenceVisible,
} from '@jobcenter-hub/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import type { OrganisationLink } from '../organisation-link/organisation-link.entity';
import { OrganisationLinkConnection } from '../organisation-link/organisation-link.types';
import { UnitListArgs } from '../organisation-unit/organisation-unit.args';
import type { OrganisationUnit } from '../organisation-unit/organisation-unit.entity';
import { OrganisationUnitConnection } from '../organisation-unit/organisation-unit.types';
import { LinkedOrganisationsArgs, OrganisationsArgs } from './organisation.args';
import { readMunicipalityKey } from './organisation.checks';
import { Organisation } from './organisation.entity';
import { OrganisationConnection } from './organisation.types';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'One organisation by id; null when there is none.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> {
    return ctx.loaders.organisation.load(id);
  }

  @Query(() => OrganisationConnection, { description: 'Organisations ordered by name, filtered by kind, municipality and name.' })
  organisations(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => OrganisationsArgs) args: OrganisationsArgs,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Page<Organisation>> {
    // Every argument is checked before the first statement.
    readPageArgs(page, 2);
    const search = readSearch(args.search);
    const municipalityKey = readMunicipalityKey(args.municipalityKey);
    // A function: a search fragment serves one statement, and the page and its count are two.
    // Archived organisations are left out by the ORM's `live` filter.
    const where = (): FilterQuery<Organisation> =>
      ({
        ...(args.kind ? { kind: args.kind } : {}),
        ...(municipalityKey ? { municipalityKeys: { $contains: [municipalityKey] } } : {}),
        ...(search ? matchesText(search) : {}),
      }) as FilterQuery<Organisation>;
    return paginateQuery(ctx.em, Organisation, where, page);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      "The organisation this one belongs to (e.g. a city department → its city); null while the parent's owner does not grant this organisation's owner references.",
  })
  async parent(@Root() organisation: Organisation, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> {
    if (!organisation.parent) return null;
    const parent = await ctx.loaders.organisation.load(organisation.parent.id);
    return parent && (await referenceVisible(ctx.references, parent.ownerId, organisation.ownerId)) ? parent : null;
  }

  @FieldResolver(() => OrganisationUnitConnection, {
    description:
      "The units of the organisation, ordered by name, optionally of one kind or by name. Units of another publisher than the organisation's owner show only while the owner grants it references.",
  })
  async units(
    @Root() organisation: Organisation,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => UnitListArgs) args: UnitListArgs,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Page<OrganisationUnit>> {
    readPageArgs(page, 2);
    const search = readSearch(args.search);
    const units = await ctx.loaders.unitsByOrganisation({ kind: args.kind, search }).load(organisation.id);
    // Another publisher's units show only while the organisation's owner grants it references.
    const foreign = units.some((unit) => unit.ownerId !== organisation.ownerId);
    const grants = foreign ? await ctx.references.grants() : new Set<string>();
    const shown = foreign ? units.filter((unit) => referenceShows(grants, organisation.ownerId, unit.ownerId)) : units;
    return paginateArray(shown, page, (unit) => [unit.name, unit.id]);
  }

  @FieldResolver(() => OrganisationLinkConnection, {
    description:
      'The organisations this one is linked to (e.g. the city departments a Jobcenter works with), ordered by their name; ' +
      'links as this organisation publishes them.',
  })
  async linkedOrganisations(
    @Root() organisation: Organisation,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => LinkedOrganisationsArgs) args: LinkedOrganisationsArgs,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Page<OrganisationLink>> {
    readPageArgs(page, 3);
    const links = await ctx.loaders.linksByOrganisation({ kind: args.kind, relation: args.relation }).load(organisation.id);
    // The relation makes the key unique: an organisation may be linked twice, in two ways.
    return paginateArray(links, page, (link) => [link.linked.name, link.linked.id, link.relation]);
  }
}

/** `_entities` for Organisation: batched through the request's loader. */
export const resolveOrganisationReference = (reference: { id: string }, ctx: OrganisationsContext) =>
  ctx.loaders.organisation.load(reference.id);
