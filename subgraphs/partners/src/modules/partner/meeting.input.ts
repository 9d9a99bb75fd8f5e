import {
  MonthlyHoursInput,
  ScheduleExceptionInput,
  ScheduleInput,
  SourceInput,
  TimeRangeInput,
  WeeklyHoursInput,
} from '@jobcenter-hub/subgraph';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { MeetingKind } from './partner.entity';

// The kit's schedule inputs with the same checks under a `Meeting` prefix (an unprefixed `ScheduleInput`
// of another shape than locations' would not compose), their own descriptions, and defaults where the
// kit's take null: a meeting's lists are never missing.

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

  @Field(() => Boolean, { defaultValue: true, description: 'Not on the public holidays of North Rhine-Westphalia.' })
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
