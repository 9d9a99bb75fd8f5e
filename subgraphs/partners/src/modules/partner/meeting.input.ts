import { IsCalendarDate, IsLaterThan, SourceInput, TIME_OF_DAY, Weekday } from '@jobcenter-hub/kit';
import { ArrayMaxSize, ArrayUnique, IsOptional, Length, Matches, ValidateBy, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { MeetingKind } from './partner.entity';

const TIME_MESSAGE = '$property must be a local time HH:MM (00:00 to 24:00)';

// The schedule inputs carry a `Meeting` prefix: an unprefixed `ScheduleInput` in another subgraph with a
// different shape would not compose.

@InputType({ description: 'An interval of a meeting, local time (HH:MM, 24 h), opens before closes.' })
export class MeetingTimeRangeInput {
  @Field(() => String)
  @Matches(TIME_OF_DAY, { message: TIME_MESSAGE })
  opens!: string;

  @Field(() => String)
  @Matches(TIME_OF_DAY, { message: TIME_MESSAGE })
  @IsLaterThan('opens')
  closes!: string;
}

@InputType({ description: 'One regular interval of a meeting on a weekday, local time (HH:MM, 24 h), opens before closes.' })
export class MeetingWeeklyHoursInput extends MeetingTimeRangeInput {
  @Field(() => Weekday)
  day!: Weekday;
}

@InputType({ description: 'A day that differs from the weekly schedule: closed (no hours), or special hours.' })
export class MeetingExceptionInput {
  @Field(() => String, { description: 'Local date, YYYY-MM-DD.' })
  @IsCalendarDate()
  date!: string;

  @Field(() => Boolean)
  closed!: boolean;

  @Field(() => [MeetingTimeRangeInput], { defaultValue: [], description: 'The hours when not closed (at least one); none when closed.' })
  @ArrayMaxSize(10)
  @ValidateNested()
  @ValidateBy({
    name: 'hoursMatchClosed',
    validator: {
      validate: (hours: unknown, args) => {
        const count = Array.isArray(hours) ? hours.length : 0;
        return (args?.object as MeetingExceptionInput).closed ? count === 0 : count > 0;
      },
      defaultMessage: () => 'hours must be empty on a closed day and given on any other',
    },
  })
  hours!: MeetingTimeRangeInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  note?: string;
}

@InputType({ description: 'When a meeting takes place (Europe/Berlin): weekly intervals and dated exceptions.' })
export class MeetingScheduleInput {
  @Field(() => [MeetingWeeklyHoursInput], { defaultValue: [], description: "Regular intervals; none for a meeting held only on its exceptions' dates." })
  @ArrayMaxSize(50)
  @ValidateNested()
  weekly!: MeetingWeeklyHoursInput[];

  @Field(() => [MeetingExceptionInput], { defaultValue: [], description: 'At most one per date.' })
  @ArrayMaxSize(400)
  @ArrayUnique((exception: MeetingExceptionInput) => exception.date, { message: 'exceptions must have different dates' })
  @ValidateNested()
  exceptions!: MeetingExceptionInput[];

  @Field(() => Boolean, { defaultValue: true, description: 'Not on the public holidays of North Rhine-Westphalia.' })
  closedOnPublicHolidays!: boolean;
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
