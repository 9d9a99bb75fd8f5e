import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Arg, Ctx, Directive, Field, FieldResolver, Int, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { cacheHint } from './cache-control';

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
  /** Closed on public holidays of North Rhine-Westphalia. */
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
@ObjectType({ description: 'A weekly schedule with exceptions, in Europe/Berlin: opening hours, meeting or café times.' })
@Directive('@shareable')
export class Schedule {
  @Field(() => String)
  timeZone!: string;

  @Field(() => [WeeklyHours])
  weekly!: WeeklyHours[];

  @Field(() => [MonthlyHours], { description: 'Intervals on one weekday of each month (a monthly meeting).' })
  monthly!: MonthlyHours[];

  @Field(() => [ScheduleException])
  exceptions!: ScheduleException[];

  @Field(() => Boolean, { description: 'Closed on the public holidays of North Rhine-Westphalia.' })
  closedOnPublicHolidays!: boolean;
}

/** The GraphQL shape of stored schedule data. */
export const toSchedule = (data: ScheduleData): Schedule => ({
  timeZone: TIME_ZONE,
  weekly: data.weekly,
  monthly: data.monthly ?? [],
  exceptions: data.exceptions.map((exception) => ({ ...exception, hours: exception.hours ?? [], note: exception.note ?? null })),
  closedOnPublicHolidays: data.closedOnPublicHolidays,
});

/** Easter Sunday (Gregorian, anonymous algorithm) as [month, day]. */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** The public holidays of North Rhine-Westphalia in `year`, as YYYY-MM-DD. */
export function publicHolidaysNrw(year: number): string[] {
  const [month, day] = easter(year);
  const easterSunday = Date.UTC(year, month - 1, day);
  const fromEaster = (days: number) => isoDate(new Date(easterSunday + days * 86_400_000));
  const fixed = (m: number, d: number) => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return [
    fixed(1, 1), // Neujahr
    fromEaster(-2), // Karfreitag
    fromEaster(1), // Ostermontag
    fixed(5, 1), // Tag der Arbeit
    fromEaster(39), // Christi Himmelfahrt
    fromEaster(50), // Pfingstmontag
    fromEaster(60), // Fronleichnam
    fixed(10, 3), // Tag der Deutschen Einheit
    fixed(11, 1), // Allerheiligen
    fixed(12, 25),
    fixed(12, 26),
  ].sort();
}

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

/** The local date, weekday and HH:MM of an instant in Europe/Berlin. */
export function localTime(instant: Date): { date: string; day: Weekday; time: string } {
  const parts = Object.fromEntries(localParts.formatToParts(instant).map((part) => [part.type, part.value]));
  const day = WEEK[['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!)]!;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day, time: `${parts.hour}:${parts.minute}` };
}

const within = (time: string, ranges: readonly { opens: string; closes: string }[]) =>
  ranges.some((range) => range.opens <= time && time < range.closes);

/** Whether local `date` (YYYY-MM-DD) is in `week` of its month for its weekday: 1–4 by day of month, -1 the last seven days. */
export function isWeekOfMonth(date: string, week: number): boolean {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  if (week === -1) return dayOfMonth + 7 > new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Math.ceil(dayOfMonth / 7) === week;
}

/** Whether the schedule is open at `instant` (exceptions first, then holidays, then the weekly and monthly hours). */
export function isOpenAt(data: ScheduleData, instant: Date): boolean {
  const { date, day, time } = localTime(instant);
  const exception = data.exceptions.find((candidate) => candidate.date === date);
  if (exception) return !exception.closed && within(time, exception.hours ?? []);
  if (data.closedOnPublicHolidays && publicHolidaysNrw(Number(date.slice(0, 4))).includes(date)) return false;
  const monthly = (data.monthly ?? []).filter((hours) => hours.day === day && isWeekOfMonth(date, hours.week));
  return within(time, [...data.weekly.filter((hours) => hours.day === day), ...monthly]);
}

const OSM_DAY: Record<Weekday, string> = { MO: 'Mo', TU: 'Tu', WE: 'We', TH: 'Th', FR: 'Fr', SA: 'Sa', SU: 'Su' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ranges = (list: readonly { opens: string; closes: string }[]) => list.map((range) => `${range.opens}-${range.closes}`).join(',');

/**
 * The schedule as an OpenStreetMap `opening_hours` value, e.g.
 * `Mo-Th 08:00-12:30,14:00-16:00; Fr 08:00-12:30; PH off; 2026 Dec 24 off`. Later rules override
 * earlier ones, as OSM evaluates them.
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
  for (const exception of [...data.exceptions].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const [year, month, day] = exception.date.split('-');
    const when = `${year} ${MONTHS[Number(month) - 1]} ${day}`;
    rules.push(`${when} ${exception.closed || !exception.hours?.length ? 'off' : ranges(exception.hours)}`);
  }
  return rules.length > 0 ? rules.join('; ') : 'off';
}

/** Computed fields of `Schedule`; add this resolver to every subgraph that exposes schedules. */
@Resolver(() => Schedule)
export class ScheduleResolver {
  @FieldResolver(() => String, { description: 'The schedule as an OpenStreetMap `opening_hours` value.' })
  openingHours(@Root() schedule: Schedule): string {
    return toOsmOpeningHours(schedule);
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is open at the given instant.' })
  openAt(@Root() schedule: Schedule, @Arg('time', () => GraphQLDateTimeISO) time: Date): boolean {
    return isOpenAt(schedule, time);
  }

  @Directive(cacheHint.live)
  @FieldResolver(() => Boolean, { description: 'Whether it is open right now.' })
  isOpen(@Root() schedule: Schedule, @Ctx() ctx: { now: Date }): boolean {
    return isOpenAt(schedule, ctx.now);
  }
}
