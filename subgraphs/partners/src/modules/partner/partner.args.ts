import { badUserInput } from '@jobcenter-hub/service';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArgsType, Field, ID } from 'type-graphql';
import { PartnerCategory } from './partner.entity';

const SEARCH_DESCRIPTION = 'Part of the name; case, umlauts and ß spelling are ignored (Münster = Munster = Muenster).';

/** The filters of every list of partners (`first`/`after` come as the kit's `PageArgs`). */
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

/** Ids are slugs: letters, digits and `-_.:`, at most 128 characters. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Checks an id argument before any query runs; unknown but well-formed ids are not an error. */
export function readId(argument: string, id: string | undefined | null): string | undefined {
  if (id === undefined || id === null) return undefined;
  if (!ID_PATTERN.test(id)) throw badUserInput(argument, 'is not an id (letters, digits and -_.:, at most 128 characters)');
  return id;
}
