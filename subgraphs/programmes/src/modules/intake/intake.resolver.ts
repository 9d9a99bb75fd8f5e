import { wrap } from '@mikro-orm/core';
import { cacheHint } from '@jobcenter-hub/subgraph';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { LocationStub } from '../location/location.stub';
import { Programme } from '../programme/programme.entity';
import { Intake } from './intake.entity';
import { freePlaces } from './intake.queries';

@Resolver(() => Intake)
export class IntakeResolver {
  @Directive(cacheHint.live)
  @FieldResolver(() => Int, { description: 'Places still open: places minus places taken, never below 0.' })
  freePlaces(@Root() intake: Intake): number {
    return freePlaces(intake);
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
