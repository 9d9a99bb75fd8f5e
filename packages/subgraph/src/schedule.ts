import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Arg, Ctx, Directive, Field, FieldResolver, Int, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { badUserInput } from '@jobcenter-hub/service';
import { cacheHint } from './cache-control';
import { HOLIDAY_YEARS, type HolidayRegion, isPublicHoliday, publicHolidays } from './holidays';

/** Opening hours, meeting and café times are all given in this time zone. */
export const TIME_ZONE = 'Europe/Berlin';

export enum Weekday {
  MO = 'MO',
  TU = 'TU',
  WE = 'WE',
  TH = 'TH',
  FR = 'FR',
  SA = 'SA',
  SU = 'SU',
}
registerEnumType(Weekday, { name: 'Weekday', description: 'Days as OpenStreetMap abbreviates them (Mo … Su).' });
const WEEK = [Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR, Weekday.SA, Weekday.SU];

/** The stored form of a weekly schedule (a jsonb column). */
export interface ScheduleData {
  weekly: { day: Weekday; opens: string; closes: string }[];
  /** Monthly intervals, e.g. a meeting on the first Tuesday (week 1) or the last Friday (week -1). Absent in data stored before. */
  monthly?: { week: number; day: Weekday; opens: string; closes: string }[];
  exceptions: { date: string; closed: boolean; hours?: { opens: string; closes: string }[]; note?: string | null }[];
  /** Days that differ every year, e.g. closed on 24 December (monthDay `12-24`). Absent in data stored before. */
  annual?: { monthDay: string; closed: boolean; hours?: { opens: string; closes: string }[]; note?: string | null }[];
  /**
   * Closed on public holidays: those of the Land the schedule's place lies in (chosen by whoever evaluates
   * it, e.g. the locations subgraph from the site's municipality key), or the nationwide ones.
   */
  closedOnPublicHolidays: boolean;
}

@Directive(cacheHint.part)
@ObjectType({ description: 'One regular opening interval, local time (HH:MM, 24 h).' })
@Directive('@shareable')
export class WeeklyHours {
  @Field(() => Weekday)
  day!: Weekday;

  @Field(() => String)
  opens!: string;

  @Field(() => String)
  closes!: string;
}

/** The weeks a monthly interval can name: the first to the fourth, or the last (-1) of the month. */
export const MONTH_WEEKS = [1, 2, 3, 4, -1] as const;

@Directive(cacheHint.part)
@ObjectType({ description: 'An interval on one weekday of each month, local time, e.g. the first Tuesday 18:00–20:00.' })
@Directive('@shareable')
export class MonthlyHours extends WeeklyHours {
  @Field(() => Int, { description: 'Which of the weekdays in the month: 1 to 4, or -1 for the last.' })
  week!: number;
}

@Directive(cacheHint.part)
@ObjectType({ description: 'Opening interval on a special day, local time.' })
@Directive('@shareable')
export class TimeRange {
  @Field(() => String)
  opens!: string;

  @Field(() => String)
  closes!: string;
}

@Directive(cacheHint.part)
@ObjectType({ description: 'A day that differs from the weekly schedule: closed, or special hours.' })
@Directive('@shareable')
export class ScheduleException {
  @Field(() => String, { description: 'Local date, YYYY-MM-DD.' })
  date!: string;

  @Field(() => Boolean)
  closed!: boolean;

  @Field(() => [TimeRange], { description: 'Special hours when not closed.' })
  hours!: TimeRange[];

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@Directive(cacheHint.part)
@ObjectType({ description: 'A day that differs from the weekly schedule every year, e.g. closed on 24 December.' })
@Directive('@shareable')
export class AnnualScheduleException {
  @Field(() => String, { description: 'Month and day, MM-DD (02-29 counts in leap years only).' })
  monthDay!: string;

  @Field(() => Boolean)
  closed!: boolean;

  @Field(() => [TimeRange], { description: 'Special hours when not closed.' })
  hours!: TimeRange[];

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@Directive(cacheHint.part)
@ObjectType({ description: 'One public holiday: local date and German name.' })
@Directive('@shareable')
export class PublicHoliday {
  @Field(() => String, { description: 'Local date, YYYY-MM-DD.' })
  date!: string;

  @Field(() => String, { description: 'German name, e.g. Fronleichnam.' })
  name!: string;
}

/** What `PH` means for a schedule, in the descriptions of the fields that use it. */
const PH_MEANING =
  "the public holidays of `publicHolidayLand` (for a site: the Land of its district's official municipality key; for a partner's meeting: of its publisher's area), or, when that is null, only the nine holidays of every Land";

@Directive(cacheHint.part)
@ObjectType({ description: 'A weekly schedule with exceptions, in Europe/Berlin: opening hours, meeting or café times.' })
@Directive('@shareable')
export class Schedule {
  @Field(() => String)
  timeZone!: string;

  @Field(() => [WeeklyHours])
  weekly!: WeeklyHours[];

  @Field(() => [MonthlyHours], { description: 'Intervals on one weekday of each month (a monthly meeting).' })
  monthly!: MonthlyHours[];

  @Field(() => [ScheduleException], { description: 'Dated exceptions; they take precedence over annual exceptions and holidays.' })
  exceptions!: ScheduleException[];

  @Field(() => [AnnualScheduleException], {
    description: 'Exceptions every year (e.g. closed on 24 and 31 December); they take precedence over public holidays.',
  })
  annualExceptions!: AnnualScheduleException[];

  @Field(() => Boolean, { description: `Closed on public holidays (\`PH off\` in openingHours): ${PH_MEANING}.` })
  closedOnPublicHolidays!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "The Land whose public holidays count, as its ISO 3166-2 code (e.g. DE-NW): for a site, chosen by the first two digits of the official municipality key (AGS) of its district (a city district: of the nearest district above it with a key); for a partner's meeting (a partner has no key of its own), the Land of its publisher's municipality keys when they all lie in one. Null when there is no such key: then only the nine holidays of every Land count.",
  })
  publicHolidayLand!: string | null;

  /** Whose holidays count when the schedule is evaluated (not a field: `publicHolidayLand` shows it). */
  holidayRegion!: HolidayRegion | null;
}

/** The GraphQL shape of stored schedule data, evaluated with the public holidays of `region`. */
export const toSchedule = (data: ScheduleData, region: HolidayRegion | null = null): Schedule => ({
  timeZone: TIME_ZONE,
  weekly: data.weekly,
  monthly: data.monthly ?? [],
  exceptions: data.exceptions.map((exception) => ({ ...exception, hours: exception.hours ?? [], note: exception.note ?? null })),
  annualExceptions: (data.annual ?? []).map((exception) => ({ ...exception, hours: exception.hours ?? [], note: exception.note ?? null })),
  closedOnPublicHolidays: data.closedOnPublicHolidays,
  publicHolidayLand: region ? `DE-${region.land}` : null,
  holidayRegion: region,
});

const localParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The last instants asked about and their local times: a request evaluates every schedule at the same instant. */
const localTimes = new Map<number, { date: string; day: Weekday; time: string }>();

/**
 * The local date, weekday and HH:MM of an instant in Europe/Berlin. `Intl` formatting is the costly part
 * of evaluating a schedule and a list asks it once per row for one instant (now, or `openAt`): the answer
 * is kept per instant in a small cache.
 */
export function localTime(instant: Date): { date: string; day: Weekday; time: string } {
  const key = instant.getTime();
  const cached = localTimes.get(key);
  if (cached) return cached;
  const parts = Object.fromEntries(localParts.formatToParts(instant).map((part) => [part.type, part.value]));
  const day = WEEK[SHORT_WEEKDAYS.indexOf(parts.weekday!)]!;
  const local = Object.freeze({ date: `${parts.year}-${parts.month}-${parts.day}`, day, time: `${parts.hour}:${parts.minute}` });
  if (localTimes.size >= 256) localTimes.clear();
  localTimes.set(key, local);
  return local;
}

const within = (time: string, ranges: readonly { opens: string; closes: string }[]) =>
  ranges.some((range) => range.opens <= time && time < range.closes);

/** Whether local `date` (YYYY-MM-DD) is in `week` of its month for its weekday: 1–4 by day of month, -1 the last seven days. */
export function isWeekOfMonth(date: string, week: number): boolean {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  if (week === -1) return dayOfMonth + 7 > new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Math.ceil(dayOfMonth / 7) === week;
}

/**
 * Whether the schedule is open at `instant`: dated exceptions first, then annual exceptions, then the
 * public holidays of `region` (`null`: the nine of every Land), then the weekly and monthly hours.
 */
export function isOpenAt(data: ScheduleData, instant: Date, region: HolidayRegion | null = null): boolean {
  const { date, day, time } = localTime(instant);
  const exception =
    data.exceptions.find((candidate) => candidate.date === date) ??
    data.annual?.find((candidate) => date.endsWith(`-${candidate.monthDay}`));
  if (exception) return !exception.closed && within(time, exception.hours ?? []);
  if (data.closedOnPublicHolidays && isPublicHoliday(date, region)) return false;
  // The weekly hours of the day, then the monthly ones of the day in their week (no lists built: it runs per row).
  const openDuring = (hours: { day: Weekday; opens: string; closes: string }) =>
    hours.day === day && hours.opens <= time && time < hours.closes;
  return data.weekly.some(openDuring) || (data.monthly ?? []).some((hours) => openDuring(hours) && isWeekOfMonth(date, hours.week));
}

const OSM_DAY: Record<Weekday, string> = { MO: 'Mo', TU: 'Tu', WE: 'We', TH: 'Th', FR: 'Fr', SA: 'Sa', SU: 'Su' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ranges = (list: readonly { opens: string; closes: string }[]) => list.map((range) => `${range.opens}-${range.closes}`).join(',');

/**
 * The schedule as an OpenStreetMap `opening_hours` value, e.g.
 * `Mo-Th 08:00-12:30,14:00-16:00; Fr 08:00-12:30; PH off; Dec 24 off; 2026 Dec 28 off`. Later rules
 * override earlier ones, as OSM evaluates them: dated exceptions annual ones, and both the holidays.
 */
export function toOsmOpeningHours(data: ScheduleData): string {
  const byDay = WEEK.map((day) => ranges(data.weekly.filter((hours) => hours.day === day).sort((a, b) => (a.opens < b.opens ? -1 : 1))));
  const rules: string[] = [];
  for (let start = 0; start < WEEK.length;) {
    let end = start;
    while (end + 1 < WEEK.length && byDay[end + 1] === byDay[start]) end += 1;
    if (byDay[start]) {
      const days = start === end ? OSM_DAY[WEEK[start]!] : `${OSM_DAY[WEEK[start]!]}-${OSM_DAY[WEEK[end]!]}`;
      rules.push(`${days} ${byDay[start]}`);
    }
    start = end + 1;
  }
  // `Tu[1] 18:00-20:00`: added to the weekly hours with OSM's additional-rule separator `,` (a `;` would
  // replace that day's weekly hours).
  const monthly = (data.monthly ?? []).map((hours) => `${OSM_DAY[hours.day]}[${hours.week}] ${hours.opens}-${hours.closes}`);
  if (monthly.length > 0) {
    const weeklyRules = rules.splice(0);
    rules.push([...(weeklyRules.length ? [weeklyRules.join('; ')] : []), ...monthly].join(', '));
  }
  if (data.closedOnPublicHolidays) rules.push('PH off');
  for (const exception of [...(data.annual ?? [])].sort((a, b) => (a.monthDay < b.monthDay ? -1 : 1))) {
    const [month, day] = exception.monthDay.split('-');
    const when = `${MONTHS[Number(month) - 1]} ${day}`;
    rules.push(`${when} ${exception.closed || !exception.hours?.length ? 'off' : ranges(exception.hours)}`);
  }
  for (const exception of [...data.exceptions].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const [year, month, day] = exception.date.split('-');
    const when = `${year} ${MONTHS[Number(month) - 1]} ${day}`;
    rules.push(`${when} ${exception.closed || !exception.hours?.length ? 'off' : ranges(exception.hours)}`);
  }
  return rules.length > 0 ? rules.join('; ') : 'off';
}

/** The stored form of a `Schedule` (the GraphQL shape names annual exceptions `annualExceptions`). */
const fromSchedule = (schedule: Schedule): ScheduleData => ({ ...schedule, annual: schedule.annualExceptions });

/** Computed fields of `Schedule`; add this resolver to every subgraph that exposes schedules. */
@Resolver(() => Schedule)
export class ScheduleResolver {
  @FieldResolver(() => String, {
    description: `The schedule as an OpenStreetMap \`opening_hours\` value; \`PH\` there means ${PH_MEANING}.`,
  })
  openingHours(@Root() schedule: Schedule): string {
    return toOsmOpeningHours(fromSchedule(schedule));
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is open at the given instant (public holidays as in closedOnPublicHolidays).' })
  openAt(@Root() schedule: Schedule, @Arg('time', () => GraphQLDateTimeISO) time: Date): boolean {
    return isOpenAt(fromSchedule(schedule), time, schedule.holidayRegion);
  }

  @Directive(cacheHint.live)
  @FieldResolver(() => Boolean, { description: 'Whether it is open right now (public holidays as in closedOnPublicHolidays).' })
  isOpen(@Root() schedule: Schedule, @Ctx() ctx: { now: Date }): boolean {
    return isOpenAt(fromSchedule(schedule), ctx.now, schedule.holidayRegion);
  }

  @FieldResolver(() => [PublicHoliday], {
    description: `The public holidays \`PH\` stands for in one year: ${PH_MEANING}. From feiertagejs; see docs/usage.md for what it cannot know.`,
  })
  publicHolidays(
    @Root() schedule: Schedule,
    @Arg('year', () => Int, { description: `${HOLIDAY_YEARS.min} to ${HOLIDAY_YEARS.max}.` }) year: number,
  ): readonly PublicHoliday[] {
    if (year < HOLIDAY_YEARS.min || year > HOLIDAY_YEARS.max) {
      throw badUserInput('year', `must be between ${HOLIDAY_YEARS.min} and ${HOLIDAY_YEARS.max}`);
    }
    return publicHolidays(year, schedule.holidayRegion);
  }
}
