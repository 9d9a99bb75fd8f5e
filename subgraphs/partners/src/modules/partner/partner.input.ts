import {
  CLASS_VALIDATOR_NULL_MESSAGE,
  CreateInputBase,
  ID_PATTERN,
  IfSent,
  MonthlyHoursInput,
  ScheduleExceptionInput,
  ScheduleInput,
  SourceInput,
  TimeRangeInput,
  UpdateInputBase,
  WeeklyHoursInput,
} from '@jobcenter-hub/subgraph';
import { ArrayMaxSize, ArrayUnique, IsEmail, IsOptional, IsUrl, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PHONE } from '../../validation';
import { MeetingKind, PartnerCategory } from './partner.entity';

// The shared schedule inputs (@jobcenter-hub/subgraph) with the same checks under a `Meeting` prefix (an
// unprefixed `ScheduleInput` of another shape than locations' would not compose), their own descriptions,
// and defaults where the shared ones take null: a meeting's lists are never missing.

@InputType({ description: 'An interval of a meeting, local time (HH:MM, 24 h), opens before closes.' })
export class MeetingTimeRangeInput extends TimeRangeInput {}

@InputType({ description: 'One regular interval of a meeting on a weekday, local time (HH:MM, 24 h), opens before closes.' })
export class MeetingWeeklyHoursInput extends WeeklyHoursInput {}

@InputType({ description: 'An interval of a meeting on one weekday of each month, e.g. the first Tuesday (week 1, TU).' })
export class MeetingMonthlyHoursInput extends MonthlyHoursInput {}

@InputType({ description: 'A day that differs from the weekly schedule: closed (no hours), or special hours.' })
export class MeetingExceptionInput extends ScheduleExceptionInput {
  @Field(() => [MeetingTimeRangeInput], { defaultValue: [], description: 'The hours when not closed (at least one); none when closed.' })
  override hours!: MeetingTimeRangeInput[];
}

@InputType({ description: 'When a meeting takes place (Europe/Berlin): weekly intervals and dated exceptions.' })
export class MeetingScheduleInput extends ScheduleInput {
  @Field(() => [MeetingWeeklyHoursInput], {
    defaultValue: [],
    description: "Regular intervals; none for a meeting held only on its exceptions' dates.",
  })
  override weekly!: MeetingWeeklyHoursInput[];

  @Field(() => [MeetingMonthlyHoursInput], { defaultValue: [], description: 'Intervals on one weekday of each month: a monthly meeting.' })
  override monthly!: MeetingMonthlyHoursInput[];

  @Field(() => [MeetingExceptionInput], { defaultValue: [], description: 'At most one per date.' })
  override exceptions!: MeetingExceptionInput[];

  @Field(() => Boolean, {
    defaultValue: true,
    description:
      "Not on public holidays: those of the Land of the partner's publisher's area (its municipality keys, when they lie in one Land), else only the nine holidays of every Land.",
  })
  override closedOnPublicHolidays!: boolean;
}

@InputType({ description: 'A recurring meeting, café hours or consultation hours of a partner.' })
export class MeetingInput {
  @Field(() => String)
  @Length(1, 200)
  title!: string;

  @Field(() => MeetingKind)
  kind!: MeetingKind;

  @Field(() => MeetingScheduleInput)
  @ValidateNested()
  schedule!: MeetingScheduleInput;

  @Field(() => String, { nullable: true, description: 'Where it takes place, when not at the partner itself.' })
  @IsOptional()
  @Length(1, 300)
  place?: string;

  @Field(() => SourceInput, { nullable: true, description: "Default: the partner's source." })
  @IsOptional()
  @ValidateNested()
  source?: SourceInput;
}

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
