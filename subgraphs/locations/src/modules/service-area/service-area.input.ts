import { CreateInputBase, ID_PATTERN, IfSent, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { ArrayMaxSize, ArrayUnique, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { POSTCODE, POSTCODE_MESSAGE } from '../../validation';

@InputType({ description: "The area a site is responsible for: a district, optionally narrowed to postcodes. It takes the site's owner." })
export class CreateServiceAreaInput extends CreateInputBase {
  @Field(() => ID, { description: 'The site responsible (a site of this hub).' })
  @Matches(ID_PATTERN, { message: 'locationId must be a location id' })
  locationId!: string;

  @Field(() => ID, { description: 'The district served (a district of this hub).' })
  @Matches(ID_PATTERN, { message: 'districtId must be a district id' })
  districtId!: string;

  @Field(() => [String], { nullable: true, description: 'Five digits each; none (the default): the whole district.' })
  @IsOptional()
  @ArrayMaxSize(500)
  @ArrayUnique({ message: 'postcodes must not repeat' })
  @Matches(POSTCODE, { each: true, message: POSTCODE_MESSAGE })
  postcodes?: string[];
}

@InputType({ description: 'Changes to a service area; fields left out stay as they are.' })
export class UpdateServiceAreaInput extends UpdateInputBase {
  @Field(() => ID, { nullable: true, description: 'Another site of the same owner.' })
  @IfSent()
  @Matches(ID_PATTERN, { message: 'locationId must be a location id' })
  locationId?: string;

  @Field(() => ID, { nullable: true })
  @IfSent()
  @Matches(ID_PATTERN, { message: 'districtId must be a district id' })
  districtId?: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the list; [] for the whole district.' })
  @IfSent()
  @ArrayMaxSize(500)
  @ArrayUnique({ message: 'postcodes must not repeat' })
  @Matches(POSTCODE, { each: true, message: POSTCODE_MESSAGE })
  postcodes?: string[];
}
