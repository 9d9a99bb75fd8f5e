import { ArgsType, Field, ID, Int } from 'type-graphql';

/** The filters of `Programme.participation` (a short list, not paginated). */
@ArgsType()
export class ParticipationArgs {
  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => ID, { nullable: true, description: 'Only the figures of this venue (not the all-venues totals).' })
  venueId?: string;
}
