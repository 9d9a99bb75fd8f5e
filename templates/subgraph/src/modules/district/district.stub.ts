import { cacheHint } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** District is owned by the locations subgraph; here it only carries its key and gains `__entities__`. */
@Directive(cacheHint.reference)
@ObjectType('District')
@Directive('@key(fields: "id")')
export class DistrictStub {
  @Field(() => ID)
  id!: string;
}
