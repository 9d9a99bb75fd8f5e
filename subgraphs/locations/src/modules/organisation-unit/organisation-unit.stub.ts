import { cacheHint } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** OrganisationUnit is owned by the organisations subgraph; here it only carries its key and gains `locations`. */
@Directive(cacheHint.reference)
@ObjectType('OrganisationUnit')
@Directive('@key(fields: "id")')
export class OrganisationUnitStub {
  @Field(() => ID)
  id!: string;
}
