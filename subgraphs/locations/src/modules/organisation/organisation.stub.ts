import { cacheHint } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Organisation is owned by the organisations subgraph; here it only carries its key and gains `locations`. */
@Directive(cacheHint.reference)
@ObjectType('Organisation')
@Directive('@key(fields: "id")')
export class OrganisationStub {
  @Field(() => ID)
  id!: string;
}
