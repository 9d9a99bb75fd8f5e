import {
  cacheHint,
  matchesText,
  type Page,
  PageArgs,
  paginateQuery,
  readPageArgs,
  readSearch,
  type ReferenceType,
  RequireViewer,
  today,
  Grants,
} from '@jobcenter-hub/subgraph';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { UpcomingIntakesArgs } from '../intake/intake.args';
import type { Intake } from '../intake/intake.entity';
import { programmeHasFreePlaces } from '../intake/intake.queries';
import { IntakeConnection, pageOfIntakes } from '../intake/intake.types';
import { LocationStub } from '../location/location.stub';
import { OrganisationStub } from '../organisation/organisation.stub';
import { PartnerStub } from '../partner/partner.stub';
import { ParticipationArgs } from '../participation/participation.args';
import { readYear } from '../participation/participation.checks';
import { Participation } from '../participation/participation.entity';
import { ProgrammesArgs } from './programme.args';
import { Programme } from './programme.entity';
import { namesVisibly, operatorVisible, visibleIds } from './programme.queries';
import { PROGRAMME_SORT_KEYS, ProgrammeConnection } from './programme.types';

/**
 * The keys of the records of `type` named in `ids` that exist and are not archived, in order: one call
 * to the owning subgraph for every id of the request. A list holding a key the gateway cannot resolve
 * (an unknown id) would turn null as a whole, for every caller.
 */
async function liveTargets(ctx: ProgrammesContext, type: ReferenceType, ids: readonly string[]): Promise<{ id: string }[]> {
  const states = await Promise.all(ids.map((id) => ctx.references.state(type, id)));
  return ids.filter((_, index) => states[index]?.archived === false).map((id) => ({ id }));
}

/** Figures by year; within a year the all-venues figure first, then by venue. */
const byYearThenVenue = (a: Participation, b: Participation) =>
  a.year - b.year || (a.venueId ?? '').localeCompare(b.venueId ?? '') || a.id.localeCompare(b.id);

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => Programme, { nullable: true, description: 'One programme by id; null when there is none.' })
  programme(@Arg('id', () => ID) id: string, @Ctx() ctx: ProgrammesContext): Promise<Programme | null> {
    return ctx.loaders.programme.load(id);
  }

  @Query(() => ProgrammeConnection, { description: 'Programmes ordered by name; filter by kind, operator, venue, free places and name.' })
  async programmes(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => ProgrammesArgs) args: ProgrammesArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Programme>> {
    // Every argument is checked before the first statement.
    const text = readSearch(args.search);
    readPageArgs(page, PROGRAMME_SORT_KEYS.length);
    const { kind, operatorId, venueId, hasFreePlaces } = args;
    // Through an operator or a venue, programmes of another publisher show only while its owner grants
    // references (as in `Organisation.programmes`, `Location.programmes`); so do intakes for free places.
    const grants = operatorId || venueId || typeof hasFreePlaces === 'boolean' ? await Grants.of(ctx) : undefined;
    // A function: the search, grant and free-places filters are raw fragments, good for one statement each.
    // Archived programmes are left out by the `live` filter.
    const where = (): FilterQuery<Programme> => ({
      $and: [
        kind ? { kind } : {},
        operatorId ? { operatorId } : {},
        operatorId ? operatorVisible(grants!) : {},
        venueId ? { venueIds: { $overlap: [venueId] } } : {},
        venueId ? namesVisibly('venue_ids', [venueId], grants!) : {},
        typeof hasFreePlaces === 'boolean' ? programmeHasFreePlaces(today(ctx.now), hasFreePlaces, venueId, grants!) : {},
        text ? matchesText(text) : {},
      ] as FilterQuery<Programme>[],
    });
    return paginateQuery(ctx.em, Programme, where, page, PROGRAMME_SORT_KEYS);
  }

  // The three fields below only hand out keys: the gateway fetches the rest from the owning subgraphs.
  // References to another publisher's records show only while it grants the programme's owner references.
  @FieldResolver(() => OrganisationStub, {
    nullable: true,
    description:
      "The organisation that runs the programme; null when it is another publisher's than the programme's owner and does not grant it references.",
  })
  async operator(@Root() programme: Programme, @Ctx() ctx: ProgrammesContext): Promise<OrganisationStub | null> {
    const grants = await Grants.of(ctx);
    return grants.allows(programme.ownerId, programme.operatorOwnerId) ? { id: programme.operatorId } : null;
  }

  @FieldResolver(() => [LocationStub], {
    description:
      "Where the programme takes place (a handful of sites, in the order published). Archived sites are left out, and another publisher's sites unless it grants the programme's owner references.",
  })
  async venues(@Root() programme: Programme, @Ctx() ctx: ProgrammesContext): Promise<LocationStub[]> {
    return liveTargets(ctx, 'Location', visibleIds(programme.venueIds, programme.venueOwnerIds, programme.ownerId, await Grants.of(ctx)));
  }

  @FieldResolver(() => [PartnerStub], {
    description:
      "Local partners involved in the programme. Archived partners are left out, and another publisher's partners unless it grants the programme's owner references.",
  })
  async partners(@Root() programme: Programme, @Ctx() ctx: ProgrammesContext): Promise<PartnerStub[]> {
    return liveTargets(
      ctx,
      'Partner',
      visibleIds(programme.partnerIds, programme.partnerOwnerIds, programme.ownerId, await Grants.of(ctx)),
    );
  }

  @FieldResolver(() => IntakeConnection, {
    description: 'Intakes starting today or later (Europe/Berlin), by start date; optionally at one venue or only those with free places.',
  })
  upcomingIntakes(
    @Root() programme: Programme,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => UpcomingIntakesArgs) args: UpcomingIntakesArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Intake>> {
    return pageOfIntakes(page, async () => ctx.loaders.upcomingIntakesByProgramme(await Grants.of(ctx)).load(programme.id), args);
  }

  @FieldResolver(() => [Participation], {
    description:
      'Participants by year and venue (venue null: all venues together), oldest year first; optionally of one year or one venue. ' +
      'A short list (one figure per year and venue), so not paginated. Internal: signed-in viewers, editors and admins only.',
  })
  // Figures per record are internal; the sums (`Organisation.participants`) stay public.
  @Directive(cacheHint.private)
  @UseMiddleware(RequireViewer)
  async participation(
    @Root() programme: Programme,
    @Args(() => ParticipationArgs) args: ParticipationArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Participation[]> {
    const onlyYear = readYear(args.year);
    const figures = await ctx.loaders.participationByProgramme(await Grants.of(ctx)).load(programme.id);
    return figures
      .filter((figure) => (onlyYear === undefined || figure.year === onlyYear) && (!args.venueId || figure.venueId === args.venueId))
      .sort(byYearThenVenue);
  }
}

/** `_entities` for Programme: batched through the request's loader. */
export const resolveProgrammeReference = (reference: { id: string }, ctx: ProgrammesContext) => ctx.loaders.programme.load(reference.id);
