import { CLASS_VALIDATOR_NULL_MESSAGE, CreateInputBase, ID_PATTERN, IfSent, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { ArrayMaxSize, ArrayUnique, IsEmail, IsOptional, IsUrl, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PHONE } from '../../validation';
import { MeetingInput } from './meeting.input';
import { PartnerCategory } from './partner.entity';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
const URL_MESSAGE = 'website must be an http(s) URL';
const PHONE_MESSAGE = 'phone must be a phone number (digits, spaces and +()/-)';
const DISTRICT_MESSAGE = 'districtIds must be district ids (lower-case slugs)';

@InputType({ description: 'A new partner: its public description and contact, the districts it serves, its meetings.' })
export class CreatePartnerInput extends CreateInputBase {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => PartnerCategory)
  category!: PartnerCategory;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'Public website, an http(s) URL.' })
  @IsOptional()
  @MaxLength(500)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  website?: string;

  @Field(() => String, { nullable: true, description: 'Public contact e-mail address.' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @Field(() => String, { nullable: true, description: 'Public contact phone number.' })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string;

  @Field(() => [ID], { nullable: true, description: 'The districts served (ids of the locations subgraph). Default: none.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(ID_PATTERN, { each: true, message: DISTRICT_MESSAGE })
  districtIds?: string[];

  @Field(() => [MeetingInput], { nullable: true, description: 'Recurring meetings, café and consultation hours. Default: none.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested()
  meetings?: MeetingInput[];
}

@InputType({ description: 'Changes to a partner; fields left out stay as they are, null clears (where a field can be empty).' })
export class UpdatePartnerInput extends UpdateInputBase {
  @Field(() => String, { nullable: true })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  @Length(1, 200)
  name?: string;

  @Field(() => PartnerCategory, { nullable: true })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  category?: PartnerCategory;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the districts served; [] for none.' })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(ID_PATTERN, { each: true, message: DISTRICT_MESSAGE })
  districtIds?: string[];

  @Field(() => [MeetingInput], { nullable: true, description: 'Replaces all meetings; [] for none.' })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  @ArrayMaxSize(50)
  @ValidateNested()
  meetings?: MeetingInput[];
}
