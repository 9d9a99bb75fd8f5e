import { SEARCH_DESCRIPTION } from '@jobcenter-hub/subgraph';
import { ArgsType, Field } from 'type-graphql';
import { OrganisationRelation } from '../organisation-link/organisation-link.entity';
import { OrganisationKind } from './organisation.entity';

/** The filters of the root `organisations` list (`first`/`after` come as the shared `PageArgs`). */
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
