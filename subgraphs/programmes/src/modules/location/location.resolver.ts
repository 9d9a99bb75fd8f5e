import { type Page, PageArgs } from '@jobcenter-hub/subgraph';
import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { VenueIntakesArgs } from '../intake/intake.args';
import type { Intake } from '../intake/intake.entity';
import { IntakeConnection, pageOfIntakes } from '../intake/intake.types';
import { ProgrammeListArgs } from '../programme/programme.args';
import type { Programme } from '../programme/programme.entity';
import { pageOfProgrammes, ProgrammeConnection } from '../programme/programme.types';
import { LocationStub } from './location.stub';

@Resolver(() => LocationStub)
export class LocationProgrammesResolver {
  @FieldResolver(() => ProgrammeConnection, {
    nullable: true,
    description: 'Programmes offered at this location, ordered by name, optionally of one kind.',
  })
  programmes(
    @Root() location: LocationStub,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => ProgrammeListArgs) args: ProgrammeListArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Programme>> {
    return pageOfProgrammes(page, () => ctx.loaders.programmesByVenue.load(location.id), args.kind);
  }

  @FieldResolver(() => IntakeConnection, {
    nullable: true,
    description:
      'Intakes starting here today or later (Europe/Berlin), by start date; optionally of one kind or only those with free places.',
  })
  intakes(
    @Root() location: LocationStub,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => VenueIntakesArgs) args: VenueIntakesArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Intake>> {
    return pageOfIntakes(page, () => ctx.loaders.upcomingIntakesByVenue.load(location.id), args);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Free places of all upcoming intakes here, together (0 when none).' })
  programmePlaces(@Root() location: LocationStub, @Ctx() ctx: ProgrammesContext): Promise<number> {
    return ctx.loaders.programmePlacesByVenue.load(location.id);
  }
}

/** `_entities` for Location: the key is all this subgraph needs; whether the location exists is not its business. */
export const resolveLocationReference = (reference: { id: string }): LocationStub => ({ id: reference.id });
