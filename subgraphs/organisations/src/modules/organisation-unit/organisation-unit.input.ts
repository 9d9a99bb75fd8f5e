import { CLASS_VALIDATOR_NULL_MESSAGE, CreateInputBase, ID_PATTERN, IfSent, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { TeamFunction, UnitKind } from './organisation-unit.entity';

@InputType({ description: 'A new unit of an organisation: an office, an academy, a team, …' })
export class CreateOrganisationUnitInput extends CreateInputBase {
  @Field(() => ID, { description: 'The organisation the unit is part of; you must be allowed to edit it. It cannot change later.' })
  @Matches(ID_PATTERN, { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @Field(() => ID, { nullable: true, description: 'The unit this one is part of, of the same organisation.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'parentId must be a unit id' })
  parentId?: string;

  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => UnitKind)
  kind!: UnitKind;

  @Field(() => TeamFunction, { nullable: true, description: 'Only for teams.' })
  @IsOptional()
  teamFunction?: TeamFunction;

  @Field(() => ID, { nullable: true, description: "The employer of the unit's staff, when it is not the unit's own organisation." })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'employerId must be an organisation id' })
  employerId?: string;
}

@InputType({ description: 'Changes to a unit; fields left out stay as they are, null clears (where a field can be empty).' })
export class UpdateOrganisationUnitInput extends UpdateInputBase {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'parentId must be a unit id' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  @Length(1, 200)
  name?: string;

  @Field(() => UnitKind, { nullable: true })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  kind?: UnitKind;

  @Field(() => TeamFunction, { nullable: true })
  @IsOptional()
  teamFunction?: TeamFunction | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'employerId must be an organisation id' })
  employerId?: string | null;
}
