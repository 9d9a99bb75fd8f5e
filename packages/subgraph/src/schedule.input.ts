import { ArrayMaxSize, ArrayUnique, IsIn, IsOptional, Length, Matches, ValidateBy, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { MONTH_WEEKS, type ScheduleData, Weekday } from './schedule';
import { IsCalendarDate, isCalendarDate, IsLaterThan, TIME_OF_DAY } from './validation';

// The input side of `Schedule`: opening hours as a client writes them. A subgraph that needs other names
// (another shape under the same name would not compose) subclasses them, e.g. partners' Meeting*Input.

const TIME_MESSAGE = '$property must be a local time HH:MM (00:00 to 24:00)';

@InputType({ description: 'An opening interval, local time (HH:MM, 24 h), opens before closes.' })
export class TimeRangeInput {
  @Field(() => String)
  @Matches(TIME_OF_DAY, { message: TIME_MESSAGE })
  opens!: string;

  @Field(() => String)
  @Matches(TIME_OF_DAY, { message: TIME_MESSAGE })
  @IsLaterThan('opens')
  closes!: string;
}

@InputType({ description: 'One regular opening interval on a weekday, local time (HH:MM, 24 h), opens before closes.' })
export class WeeklyHoursInput extends TimeRangeInput {
  @Field(() => Weekday)
  day!: Weekday;
}

@InputType({ description: 'An interval on one weekday of each month, e.g. the first Tuesday 18:00–20:00 (week 1, TU).' })
export class MonthlyHoursInput extends WeeklyHoursInput {
  @Field(() => Int, { description: 'Which of the weekdays in the month: 1 to 4, or -1 for the last.' })
  @IsIn([...MONTH_WEEKS], { message: 'week must be 1, 2, 3, 4 or -1 (the last)' })
  week!: number;
}

@InputType({ description: 'A day that differs from the weekly schedule: closed (no hours), or special hours.' })
export class ScheduleExceptionInput {
  @Field(() => String, { description: 'Local date, YYYY-MM-DD.' })
  @IsCalendarDate()
  date!: string;

  @Field(() => Boolean)
  closed!: boolean;

  @Field(() => [TimeRangeInput], { nullable: true, description: 'The hours when not closed (at least one); none when closed.' })
  @ArrayMaxSize(10)
  @ValidateNested()
  @ValidateBy({
    name: 'hoursMatchClosed',
    validator: {
      validate: (hours: unknown, args) => {
        const count = Array.isArray(hours) ? hours.length : 0;
        return (args?.object as ScheduleExceptionInput).closed ? count === 0 : count > 0;
      },
      defaultMessage: () => 'hours must be empty on a closed day and given on any other',
    },
  })
  hours?: TimeRangeInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  note?: string;
}

@InputType({ description: 'A day that differs from the weekly schedule every year, e.g. closed on 24 December (12-24).' })
export class AnnualScheduleExceptionInput {
  @Field(() => String, { description: 'Month and day, MM-DD (02-29 counts in leap years only).' })
  @ValidateBy({
    name: 'isMonthDay',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^\d{2}-\d{2}$/.test(value) && isCalendarDate(`2000-${value}`),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be a month and day written MM-DD`,
    },
  })
  monthDay!: string;

  @Field(() => Boolean)
  closed!: boolean;

  @Field(() => [TimeRangeInput], { nullable: true, description: 'The hours when not closed (at least one); none when closed.' })
  @ArrayMaxSize(10)
  @ValidateNested()
  @ValidateBy({
    name: 'hoursMatchClosed',
    validator: {
      validate: (hours: unknown, args) => {
        const count = Array.isArray(hours) ? hours.length : 0;
        return (args?.object as AnnualScheduleExceptionInput).closed ? count === 0 : count > 0;
      },
      defaultMessage: () => 'hours must be empty on a closed day and given on any other',
    },
  })
  hours?: TimeRangeInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  note?: string;
}

@InputType({ description: 'Opening hours (Europe/Berlin): weekly intervals, dated and annual exceptions, public holidays.' })
export class ScheduleInput {
  @Field(() => [WeeklyHoursInput], { nullable: true, description: 'Default: none.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested()
  weekly?: WeeklyHoursInput[];

  @Field(() => [MonthlyHoursInput], { nullable: true, description: 'Intervals on one weekday of each month. Default: none.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested()
  monthly?: MonthlyHoursInput[];

  @Field(() => [ScheduleExceptionInput], { nullable: true, description: 'At most one per date. Default: none.' })
  @IsOptional()
  @ArrayMaxSize(400)
  @ArrayUnique((exception: ScheduleExceptionInput) => exception.date, { message: 'exceptions must have different dates' })
  @ValidateNested()
  exceptions?: ScheduleExceptionInput[];

  @Field(() => [AnnualScheduleExceptionInput], {
    nullable: true,
    description: 'Exceptions every year, at most one per month and day; a dated exception on the same day wins. Default: none.',
  })
  @IsOptional()
  @ArrayMaxSize(366)
  @ArrayUnique((exception: AnnualScheduleExceptionInput) => exception.monthDay, { message: 'annualExceptions must have different days' })
  @ValidateNested()
  annualExceptions?: AnnualScheduleExceptionInput[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Closed on public holidays (`PH off`): for a site, those of the Land of its district's official municipality key; without a key, the nine of every Land. Default: true.",
  })
  closedOnPublicHolidays?: boolean;
}

/** The stored form (jsonb) of validated opening hours: plain objects, no input classes. */
export const toScheduleData = (input: ScheduleInput): ScheduleData => ({
  weekly: (input.weekly ?? []).map(({ day, opens, closes }) => ({ day, opens, closes })),
  monthly: (input.monthly ?? []).map(({ week, day, opens, closes }) => ({ week, day, opens, closes })),
  exceptions: (input.exceptions ?? []).map(({ date, closed, hours, note }) => ({
    date,
    closed,
    ...(hours?.length ? { hours: hours.map(({ opens, closes }) => ({ opens, closes })) } : {}),
    ...(note ? { note } : {}),
  })),
  ...(input.annualExceptions?.length
    ? {
        annual: input.annualExceptions.map(({ monthDay, closed, hours, note }) => ({
          monthDay,
          closed,
          ...(hours?.length ? { hours: hours.map(({ opens, closes }) => ({ opens, closes })) } : {}),
          ...(note ? { note } : {}),
        })),
      }
    : {}),
  closedOnPublicHolidays: input.closedOnPublicHolidays ?? true,
});
