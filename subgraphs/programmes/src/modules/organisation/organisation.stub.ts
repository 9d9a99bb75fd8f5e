import { cacheHint } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An Organisation is owned by the organisations subgraph; this subgraph knows only its key and adds `programmes`. */
@Directive(cacheHint.reference)
@ObjectType('Organisation')
@Directive('@key(fields: "id")')
export class OrganisationStub {
  @Field(() => ID)
  id!: string;
}
