import { wrap } from '@mikro-orm/core';
import { cacheHint, LIVE_MAX_AGE, RequireViewer } from '@jobcenter-hub/subgraph';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { LocationStub } from '../location/location.stub';
import { Programme } from '../programme/programme.entity';
import { Intake, PlaceAvailability } from './intake.entity';
import { availabilityOf, freePlaces } from './intake.queries';

/** Changed by every booking (`cacheHint.live`) and only for signed-in callers (`cacheHint.private`). */
export const LIVE_PRIVATE = `@cacheControl(maxAge: ${LIVE_MAX_AGE}, scope: PRIVATE)`;

@Resolver(() => Intake)
export class IntakeResolver {
  // Nullable and internal: with the public `places` it would give away `placesTaken`. Anonymous callers
  // get null (and UNAUTHENTICATED) here, and see `availability`. Private, and changed by every booking.
  @Directive(LIVE_PRIVATE)
  @UseMiddleware(RequireViewer)
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Places still open: places minus places taken, never below 0 (signed-in viewers, editors and admins only; the public sees `availability`).',
  })
  freePlaces(@Root() intake: Intake): number {
    return freePlaces(intake);
  }

  @Directive(cacheHint.live)
  @FieldResolver(() => PlaceAvailability, {
    description: 'Places still open, in bands (public): FULL, FEW (1 up to the larger of 2 and a tenth of the places) or AVAILABLE.',
  })
  availability(@Root() intake: Intake): PlaceAvailability {
    return availabilityOf(freePlaces(intake), intake.places);
  }

  @FieldResolver(() => LocationStub, { description: 'Where the group starts.' })
  venue(@Root() intake: Intake): LocationStub {
    return { id: intake.venueId };
  }

  // The intake loaders fetch the programme in the same statement as the intakes; an intake a mutation
  // returns may hold only a reference, which the request's loader fills in.
  @FieldResolver(() => Programme, { description: 'The programme that starts.' })
  async programme(@Root() intake: Intake, @Ctx() ctx: ProgrammesContext): Promise<Programme> {
    if (wrap(intake.programme).isInitialized()) return intake.programme;
    return (await ctx.loaders.programme.load(intake.programme.id)) ?? intake.programme;
  }
}
