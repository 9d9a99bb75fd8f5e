import { cacheHint } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Partner is owned by the partners subgraph; here it only carries its key and gains `__entities__`. */
@Directive(cacheHint.reference)
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class PartnerStub {
  @Field(() => ID)
  id!: string;
}
