import { SEARCH_DESCRIPTION } from '@jobcenter-hub/subgraph';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArgsType, Field, ID } from 'type-graphql';
import { PartnerCategory } from './partner.entity';

/** The filters of every list of partners (`first`/`after` come as the shared `PageArgs`). */
@ArgsType()
export class PartnerListArgs {
  @Field(() => PartnerCategory, { nullable: true })
  category?: PartnerCategory;

  @Field(() => String, { nullable: true, description: SEARCH_DESCRIPTION })
  search?: string;
}

/** The filters of the root `partners` list. */
@ArgsType()
export class PartnersArgs extends PartnerListArgs {
  @Field(() => ID, { nullable: true, description: 'Only partners serving this district.' })
  districtId?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only partners with a meeting, café or consultation hours going on now; false: only the others.',
  })
  openNow?: boolean;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'Only partners with a meeting, café or consultation hours going on at this instant (not with openNow).',
  })
  openAt?: Date;
}
