import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** OrganisationUnit is owned by the organisations subgraph; here it only carries its key and gains `partners`, `liaisons`. */
@ObjectType('OrganisationUnit')
@Directive('@key(fields: "id")')
export class OrganisationUnitStub {
  @Field(() => ID)
  id!: string;
}
