import { ArgsType, Field, ID } from 'type-graphql';
import { ProgrammeKind } from '../programme/programme.entity';

/** The filters of `Programme.upcomingIntakes` (`first`/`after` come as the shared `PageArgs`). */
@ArgsType()
export class UpcomingIntakesArgs {
  @Field(() => ID, { nullable: true })
  venueId?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  onlyWithFreePlaces?: boolean;
}

/** The filters of `Location.intakes`. */
@ArgsType()
export class VenueIntakesArgs {
  @Field(() => ProgrammeKind, { nullable: true })
  kind?: ProgrammeKind;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  onlyWithFreePlaces?: boolean;
}
