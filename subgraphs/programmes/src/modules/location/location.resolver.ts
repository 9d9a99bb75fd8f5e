import { type Page, PageArgs } from '@jobcenter-hub/subgraph';
import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import type { Intake } from '../intake/intake.entity';
import { IntakeConnection, pageOfIntakes } from '../intake/intake.types';
import { type Programme, ProgrammeKind } from '../programme/programme.entity';
import { pageOfProgrammes, ProgrammeConnection } from '../programme/programme.types';
import { LocationStub } from './location.stub';

@Resolver(() => LocationStub)
export class LocationResolver {
  @FieldResolver(() => ProgrammeConnection, {
    nullable: true,
    description: 'Programmes offered at this location, ordered by name, optionally of one kind.',
  })
  programmes(
    @Root() location: LocationStub,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('kind', () => ProgrammeKind, { nullable: true }) kind: ProgrammeKind | undefined,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Programme>> {
    return pageOfProgrammes(page, () => ctx.loaders.programmesByVenue.load(location.id), kind);
  }

  @FieldResolver(() => IntakeConnection, {
    nullable: true,
    description:
      'Intakes starting here today or later (Europe/Berlin), by start date; optionally of one kind or only those with free places.',
  })
  intakes(
    @Root() location: LocationStub,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('onlyWithFreePlaces', () => Boolean, { nullable: true, defaultValue: false }) onlyWithFreePlaces: boolean | undefined,
    @Arg('kind', () => ProgrammeKind, { nullable: true }) kind: ProgrammeKind | undefined,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Intake>> {
    return pageOfIntakes(page, () => ctx.loaders.upcomingIntakesByVenue.load(location.id), { kind, onlyWithFreePlaces });
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Free places of all upcoming intakes here, together (0 when none).' })
  programmePlaces(@Root() location: LocationStub, @Ctx() ctx: ProgrammesContext): Promise<number> {
    return ctx.loaders.programmePlacesByVenue.load(location.id);
  }
}

/** `_entities` for Location: the key is all this subgraph needs; whether the location exists is not its business. */
export const resolveLocationReference = (reference: { id: string }): LocationStub => ({ id: reference.id });
