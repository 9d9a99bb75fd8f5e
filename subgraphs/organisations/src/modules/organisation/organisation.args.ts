import { badUserInput } from '@jobcenter-hub/service';
import { ArgsType, Field } from 'type-graphql';
import { OrganisationRelation } from '../organisation-link/organisation-link.entity';
import { OrganisationKind } from './organisation.entity';

export const SEARCH_DESCRIPTION = 'Part of the name; case, umlauts and ß spelling are ignored (Münster = Munster = Muenster).';

/** The filters of the root `organisations` list (`first`/`after` come as the kit's `PageArgs`). */
@ArgsType()
export class OrganisationsArgs {
  @Field(() => OrganisationKind, { nullable: true })
  kind?: OrganisationKind;

  @Field(() => String, {
    nullable: true,
    description: 'Only organisations serving or governing this municipality (official key, AGS: eight digits).',
  })
  municipalityKey?: string;

  @Field(() => String, { nullable: true, description: SEARCH_DESCRIPTION })
  search?: string;
}

/** The filters of `Organisation.linkedOrganisations`. */
@ArgsType()
export class LinkedOrganisationsArgs {
  @Field(() => OrganisationKind, { nullable: true, description: 'Only links to organisations of this kind, e.g. CITY_DEPARTMENT.' })
  kind?: OrganisationKind;

  @Field(() => OrganisationRelation, { nullable: true })
  relation?: OrganisationRelation;
}

/** Ids are slugs: letters, digits and `-_.:`, at most 128 characters. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Checks an id argument before any query runs; unknown but well-formed ids are not an error. */
export function readId(argument: string, id: string | undefined | null): string | undefined {
  if (id === undefined || id === null) return undefined;
  if (!ID_PATTERN.test(id)) throw badUserInput(argument, 'is not an id (letters, digits and -_.:, at most 128 characters)');
  return id;
}

/** Checks an official municipality key (AGS, eight digits) before any query runs. */
export function readMunicipalityKey(key: string | undefined | null): string | undefined {
  if (key === undefined || key === null) return undefined;
  if (!/^\d{8}$/.test(key))
    throw badUserInput('municipalityKey', 'must be an official municipality key (AGS) of eight digits, e.g. "05515000"');
  return key;
}
