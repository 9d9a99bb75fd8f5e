import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { LocationStub } from '../location/location.stub';
import { Programme } from '../programme/programme.entity';
import { Intake } from './intake.entity';
import { freePlaces } from './intake.filters';

@Resolver(() => Intake)
export class IntakeResolver {
  @FieldResolver(() => Int, { description: 'Places still open: places minus places taken, never below 0.' })
  freePlaces(@Root() intake: Intake): number {
    return freePlaces(intake);
  }

  @FieldResolver(() => LocationStub, { description: 'Where the group starts.' })
  venue(@Root() intake: Intake): LocationStub {
    return { id: intake.venueId };
  }

  // The intake loaders fetch the programme in the same statement as the intakes.
  @FieldResolver(() => Programme, { description: 'The programme that starts.' })
  programme(@Root() intake: Intake): Programme {
    return intake.programme;
  }
}
