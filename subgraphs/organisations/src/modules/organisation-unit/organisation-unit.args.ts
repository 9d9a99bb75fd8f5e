import { ArgsType, Field, ID } from 'type-graphql';
import { SEARCH_DESCRIPTION } from '@jobcenter-hub/subgraph';
import { UnitKind } from './organisation-unit.entity';

/** The filters of `Organisation.units` (`first`/`after` come as the kit's `PageArgs`). */
@ArgsType()
export class UnitListArgs {
  @Field(() => UnitKind, { nullable: true })
  kind?: UnitKind;

  @Field(() => String, { nullable: true, description: SEARCH_DESCRIPTION })
  search?: string;
}

/** The filters of the root `organisationUnits` list. */
@ArgsType()
export class OrganisationUnitsArgs extends UnitListArgs {
  @Field(() => ID, { nullable: true, description: 'Only the units of this organisation.' })
  organisationId?: string;
}

/** The filter of `OrganisationUnit.children`. */
@ArgsType()
export class UnitChildrenArgs {
  @Field(() => UnitKind, { nullable: true, description: 'Only children of this kind, e.g. TEAM for the teams of a branch office.' })
  kind?: UnitKind;
}
