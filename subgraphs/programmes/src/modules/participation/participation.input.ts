import { CreateInputBase, ID_PATTERN, IfSent, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { OwnerIdField } from '../../validation';
import { MAX_YEAR, MIN_YEAR } from './participation.entity';

const MAX_PARTICIPANTS = 10_000_000;
const venueIdMessage = 'venueId must be a location id (a lower-case slug)';

@InputType({
  description:
    "A new participation figure: one per programme, year and venue. Its owner is the programme's owner unless an admin names another.",
})
export class CreateParticipationFigureInput extends CreateInputBase {
  @OwnerIdField("the programme's owner")
  override ownerId?: string;

  @Field(() => ID, { description: 'The programme (of this subgraph) the figure is for; it cannot be changed later.' })
  @Length(1, 200)
  programmeId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;

  @Field(() => ID, { nullable: true, description: 'The location (locations subgraph) the figure is for; left out: all venues together.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: venueIdMessage })
  venueId?: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_PARTICIPANTS)
  participants!: number;
}

@InputType({ description: 'Changes to a participation figure; fields left out stay as they are, venueId null means all venues.' })
export class UpdateParticipationFigureInput extends UpdateInputBase {
  @Field(() => Int, { nullable: true })
  @IfSent()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(ID_PATTERN, { message: venueIdMessage })
  venueId?: string | null;

  @Field(() => Int, { nullable: true })
  @IfSent()
  @IsInt()
  @Min(0)
  @Max(MAX_PARTICIPANTS)
  participants?: number;
}
