import { CreateInputBase, ID_PATTERN, IfSent, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsLocalDate, OwnerIdField } from '../../validation';

const MAX_PLACES = 100_000;

@InputType({ description: "A new intake of a programme. Its owner is the programme's owner unless an admin names another." })
export class CreateIntakeInput extends CreateInputBase {
  @OwnerIdField("the programme's owner")
  override ownerId?: string;

  @Field(() => ID, { description: 'The programme (of this subgraph) that starts; it cannot be changed later.' })
  @Length(1, 200)
  programmeId!: string;

  @Field(() => ID, { description: 'The location (locations subgraph) where the group starts.' })
  @Matches(ID_PATTERN, { message: 'venueId must be a location id (a lower-case slug)' })
  venueId!: string;

  @Field(() => String, { description: 'The first day, a local date in Europe/Berlin (YYYY-MM-DD).' })
  @IsLocalDate()
  startsOn!: string;

  @Field(() => Int, { description: 'Places offered (at least 1).' })
  @IsInt()
  @Min(1)
  @Max(MAX_PLACES)
  places!: number;

  @Field(() => Int, { nullable: true, description: 'Places already taken, 0 to `places`; default 0.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  placesTaken?: number;
}

@InputType({ description: 'Changes to an intake; fields left out stay as they are.' })
export class UpdateIntakeInput extends UpdateInputBase {
  @Field(() => ID, { nullable: true })
  @IfSent()
  @Matches(ID_PATTERN, { message: 'venueId must be a location id (a lower-case slug)' })
  venueId?: string;

  @Field(() => String, { nullable: true })
  @IfSent()
  @IsLocalDate()
  startsOn?: string;

  @Field(() => Int, { nullable: true })
  @IfSent()
  @IsInt()
  @Min(1)
  @Max(MAX_PLACES)
  places?: number;

  @Field(() => Int, { nullable: true, description: 'Places taken, 0 to `places` (the new value when both are sent).' })
  @IfSent()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  placesTaken?: number;
}
