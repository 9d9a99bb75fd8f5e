import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A Location is owned by the locations subgraph; this subgraph knows only its key and adds `programmes`. */
@ObjectType('Location')
@Directive('@key(fields: "id")')
export class LocationStub {
  @Field(() => ID)
  id!: string;
}
