import { cacheHint } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * District is owned by the locations subgraph; here it carries its key and, for `jobcenter`, its
 * official key (`@external`: the gateway fetches it from locations and passes it in the representation).
 */
@Directive(cacheHint.reference)
@ObjectType('District')
@Directive('@key(fields: "id")')
export class DistrictStub {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  officialKey?: string | null;
}
