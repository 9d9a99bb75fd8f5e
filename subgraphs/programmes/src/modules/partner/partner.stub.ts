import { cacheHint } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A Partner is owned by the partners subgraph; this subgraph knows only its key and adds `programmes`. */
@Directive(cacheHint.reference)
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class PartnerStub {
  @Field(() => ID)
  id!: string;
}
