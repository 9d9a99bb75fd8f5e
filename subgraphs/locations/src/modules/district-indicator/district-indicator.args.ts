import { ArgsType, Field, Int } from 'type-graphql';

/** The filter of `District.indicators`. */
@ArgsType()
export class DistrictIndicatorsArgs {
  @Field(() => Int, { nullable: true })
  year?: number;
}
