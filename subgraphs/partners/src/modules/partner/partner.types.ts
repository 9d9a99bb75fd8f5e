import { cacheHint, createConnectionType } from '@jobcenter-hub/subgraph';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Partner, PartnerCategory } from './partner.entity';

/** A page of partners (`partners`, `District.partners`, `OrganisationUnit.partners`). */
export const PartnerConnection = createConnectionType('Partner', Partner);

@Directive(cacheHint.part)
@ObjectType({ description: 'How many partners of one category serve a district.' })
export class PartnerCategoryCount {
  @Field(() => PartnerCategory)
  category!: PartnerCategory;

  @Field(() => Int)
  count!: number;
}
