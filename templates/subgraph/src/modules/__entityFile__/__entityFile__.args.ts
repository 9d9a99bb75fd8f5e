import { ArgsType, Field, ID } from 'type-graphql';

/** The filters of the root `__entities__` list (`first`/`after` come as the shared `PageArgs`). */
@ArgsType()
export class __Entities__Args {
  @Field(() => ID, { nullable: true })
  districtId?: string;
}
