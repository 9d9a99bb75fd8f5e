import { CreateInputBase, ID_PATTERN, IfSent, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { AGS } from '../../validation';
import { DistrictKind } from './district.entity';

const AGS_MESSAGE = 'officialKey must be an official municipality key (AGS) of eight digits, e.g. "05515000"';

@InputType({ description: 'A new municipality or city district. Its owner is the municipality that publishes it.' })
export class CreateDistrictInput extends CreateInputBase {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => DistrictKind)
  kind!: DistrictKind;

  @Field(() => String, { nullable: true, description: 'Official municipality key (AGS, 8 digits); unique.' })
  @IsOptional()
  @Matches(AGS, { message: AGS_MESSAGE })
  officialKey?: string;

  @Field(() => ID, { nullable: true, description: "The city a city district belongs to; the district takes the city's owner." })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'parentId must be a district id' })
  parentId?: string;

  @Field(() => Float, { nullable: true, description: 'Latitude of the centre (WGS 84), -90 to 90.' })
  @IsOptional()
  @Min(-90)
  @Max(90)
  latitude?: number;

  @Field(() => Float, { nullable: true, description: 'Longitude of the centre (WGS 84), -180 to 180.' })
  @IsOptional()
  @Min(-180)
  @Max(180)
  longitude?: number;
}

@InputType({ description: 'Changes to a district; fields left out stay as they are, null clears where a field may be empty.' })
export class UpdateDistrictInput extends UpdateInputBase {
  @Field(() => String, { nullable: true })
  @IfSent()
  @Length(1, 200)
  name?: string;

  @Field(() => DistrictKind, { nullable: true })
  @IfSent()
  kind?: DistrictKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(AGS, { message: AGS_MESSAGE })
  officialKey?: string | null;

  @Field(() => ID, { nullable: true, description: 'null: no longer part of a city.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'parentId must be a district id' })
  parentId?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-180)
  @Max(180)
  longitude?: number | null;
}
