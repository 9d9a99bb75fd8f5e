import { CreateInputBase, ID_PATTERN, IfSent, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { ArrayMaxSize, ArrayUnique, IsEnum, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { OwnerIdField } from '../../validation';
import { ProgrammeKind } from './programme.entity';

/** Venues and partners of one programme: a handful in practice; the cap keeps a request small. */
const MAX_REFERENCES = 100;
const MAX_PLACES_PER_YEAR = 1_000_000;

const venueIdsMessage = 'venueIds must be location ids (lower-case slugs)';
const partnerIdsMessage = 'partnerIds must be partner ids (lower-case slugs)';

@InputType({ description: 'A new programme. Its owner is its operator unless an admin names another.' })
export class CreateProgrammeInput extends CreateInputBase {
  @OwnerIdField('its operator')
  override ownerId?: string;

  @Field(() => ProgrammeKind)
  @IsEnum(ProgrammeKind)
  kind!: ProgrammeKind;

  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 5000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'Who the programme is for.' })
  @IsOptional()
  @Length(1, 1000)
  targetGroup?: string;

  @Field(() => String, { nullable: true, description: 'Who may join (formal conditions).' })
  @IsOptional()
  @Length(1, 2000)
  eligibility?: string;

  @Field(() => Int, { nullable: true, description: 'Places per year, across all venues.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES_PER_YEAR)
  capacityPerYear?: number;

  @Field(() => Int, { nullable: true, description: 'Participants per year, across all venues, as the source states it.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES_PER_YEAR)
  participantsPerYear?: number;

  @Field(() => Int, { nullable: true, description: 'The most days a week a participant attends (1–7).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  daysPerWeekMax?: number;

  @Field(() => ID, { description: 'The organisation (organisations subgraph) that runs the programme.' })
  @Matches(ID_PATTERN, { message: 'operatorId must be an organisation id (a lower-case slug)' })
  operatorId!: string;

  @Field(() => [ID], { nullable: true, description: 'Locations (locations subgraph) where it takes place, in the order to show.' })
  @IsOptional()
  @ArrayMaxSize(MAX_REFERENCES)
  @ArrayUnique({ message: 'venueIds must not repeat a location' })
  @Matches(ID_PATTERN, { each: true, message: venueIdsMessage })
  venueIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Partners (partners subgraph) involved in the programme.' })
  @IsOptional()
  @ArrayMaxSize(MAX_REFERENCES)
  @ArrayUnique({ message: 'partnerIds must not repeat a partner' })
  @Matches(ID_PATTERN, { each: true, message: partnerIdsMessage })
  partnerIds?: string[];
}

@InputType({ description: 'Changes to a programme; fields left out stay as they are, null clears an optional one.' })
export class UpdateProgrammeInput extends UpdateInputBase {
  @Field(() => ProgrammeKind, { nullable: true })
  @IfSent()
  @IsEnum(ProgrammeKind, { message: 'kind must be a programme kind' })
  kind?: ProgrammeKind;

  @Field(() => String, { nullable: true })
  @IfSent()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 5000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 1000)
  targetGroup?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  eligibility?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES_PER_YEAR)
  capacityPerYear?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES_PER_YEAR)
  participantsPerYear?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  daysPerWeekMax?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A new operator. The owner moves with it when it was the operator, so editors may name only their own organisation.',
  })
  @IfSent()
  @Matches(ID_PATTERN, { message: 'operatorId must be an organisation id (a lower-case slug)' })
  operatorId?: string;

  @Field(() => [ID], { nullable: true, description: 'Replaces the venues.' })
  @IfSent()
  @ArrayMaxSize(MAX_REFERENCES)
  @ArrayUnique({ message: 'venueIds must not repeat a location' })
  @Matches(ID_PATTERN, { each: true, message: venueIdsMessage })
  venueIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Replaces the partners.' })
  @IfSent()
  @ArrayMaxSize(MAX_REFERENCES)
  @ArrayUnique({ message: 'partnerIds must not repeat a partner' })
  @Matches(ID_PATTERN, { each: true, message: partnerIdsMessage })
  partnerIds?: string[];
}
