import { cacheHint, type Page, PageArgs, RequireViewer, Grants } from '@jobcenter-hub/subgraph';
import { Args, Ctx, Directive, FieldResolver, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { VenueIntakesArgs } from '../intake/intake.args';
import { type Intake, PlaceAvailability } from '../intake/intake.entity';
import { availabilityOf } from '../intake/intake.queries';
import { LIVE_PRIVATE } from '../intake/intake.resolver';
import { IntakeConnection, pageOfIntakes } from '../intake/intake.types';
import { ProgrammeListArgs } from '../programme/programme.args';
import type { Programme } from '../programme/programme.entity';
import { pageOfProgrammes, ProgrammeConnection } from '../programme/programme.types';
import { LocationStub } from './location.stub';

// The lists of a location show another publisher's programmes and intakes only while the location's
// owner grants that publisher references (docs/security.md "References between publishers").
const GRANTED =
  "A programme (or intake) of another publisher than the location's shows only while the location's owner grants it references.";

@Resolver(() => LocationStub)
export class LocationProgrammesResolver {
  @FieldResolver(() => ProgrammeConnection, {
    nullable: true,
    description: `Programmes offered at this location, ordered by name, optionally of one kind. ${GRANTED}`,
  })
  programmes(
    @Root() location: LocationStub,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => ProgrammeListArgs) args: ProgrammeListArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Programme>> {
    return pageOfProgrammes(page, async () => ctx.loaders.programmesByVenue(await Grants.of(ctx)).load(location.id), args.kind);
  }

  @FieldResolver(() => IntakeConnection, {
    nullable: true,
    description: `Intakes starting here today or later (Europe/Berlin), by start date; optionally of one kind or only those with free places. ${GRANTED}`,
  })
  intakes(
    @Root() location: LocationStub,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => VenueIntakesArgs) args: VenueIntakesArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Intake>> {
    return pageOfIntakes(page, async () => ctx.loaders.upcomingIntakesByVenue(await Grants.of(ctx)).load(location.id), args);
  }

  // Internal, like Intake.freePlaces: exact figures for signed-in callers, bands for everyone.
  @Directive(LIVE_PRIVATE)
  @UseMiddleware(RequireViewer)
  @FieldResolver(() => Int, {
    nullable: true,
    description: `Free places of all upcoming intakes here, together (0 when none). Signed-in viewers, editors and admins only; the public sees \`programmeAvailability\`. ${GRANTED}`,
  })
  async programmePlaces(@Root() location: LocationStub, @Ctx() ctx: ProgrammesContext): Promise<number> {
    return (await ctx.loaders.programmePlacesByVenue(await Grants.of(ctx)).load(location.id)).free;
  }

  @Directive(cacheHint.live)
  @FieldResolver(() => PlaceAvailability, {
    nullable: true,
    description:
      'Places still open in all upcoming intakes here together, in bands (public): FULL, FEW (1 up to the larger of 2 and a tenth of the places) ' +
      `or AVAILABLE; null when no intake is upcoming here. ${GRANTED}`,
  })
  async programmeAvailability(@Root() location: LocationStub, @Ctx() ctx: ProgrammesContext): Promise<PlaceAvailability | null> {
    const places = await ctx.loaders.programmePlacesByVenue(await Grants.of(ctx)).load(location.id);
    return places.intakes === 0 ? null : availabilityOf(places.free, places.places);
  }
}

/** `_entities` for Location: the key is all this subgraph needs; whether the location exists is not its business. */
export const resolveLocationReference = (reference: { id: string }): LocationStub => ({ id: reference.id });
