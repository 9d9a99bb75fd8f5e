import { cacheHint } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A Location is owned by the locations subgraph; this subgraph knows only its key and adds `programmes`. */
@Directive(cacheHint.reference)
@ObjectType('Location')
@Directive('@key(fields: "id")')
export class LocationStub {
  @Field(() => ID)
  id!: string;
}
