import { publicHolidays } from '../src/holidays';
import { isOpenAt, isWeekOfMonth, localTime, type ScheduleData, toOsmOpeningHours, Weekday } from '../src/schedule';

const CAFE: ScheduleData = {
  weekly: [
    { day: Weekday.TU, opens: '15:00', closes: '18:00' },
    { day: Weekday.WE, opens: '15:00', closes: '18:00' },
    { day: Weekday.SA, opens: '10:00', closes: '12:00' },
  ],
  exceptions: [{ date: '2026-12-26', closed: false, hours: [{ opens: '11:00', closes: '13:00' }], note: 'Weihnachtscafé' }],
  closedOnPublicHolidays: true,
};

describe('weekly schedules in Europe/Berlin', () => {
  it('knows the public holidays of the Land it is given, Easter-dependent ones included (more in holidays.test.ts)', () => {
    expect(publicHolidays(2026, { land: 'NW' }).map((holiday) => holiday.date)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-06-04',
      '2026-10-03',
      '2026-11-01',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(publicHolidays(2027, { land: 'NW' }).map((holiday) => holiday.date)).toContain('2027-03-29'); // Easter Monday
  });

  it('reads local time across the daylight-saving change', () => {
    expect(localTime(new Date('2026-03-28T23:30:00Z'))).toEqual({ date: '2026-03-29', day: Weekday.SU, time: '00:30' });
    expect(localTime(new Date('2026-03-29T01:30:00Z'))).toEqual({ date: '2026-03-29', day: Weekday.SU, time: '03:30' });
    expect(localTime(new Date('2026-10-25T00:30:00Z'))).toEqual({ date: '2026-10-25', day: Weekday.SU, time: '02:30' });
  });

  it('keeps the local time of an instant it was asked before (a list evaluates every row at one instant), and tells instants apart', () => {
    const first = localTime(new Date('2026-11-26T09:00:00Z'));
    expect(localTime(new Date('2026-11-26T09:00:00Z'))).toBe(first);
    expect(first).toEqual({ date: '2026-11-26', day: Weekday.TH, time: '10:00' });
    expect(localTime(new Date('2026-11-26T09:00:59.999Z'))).toEqual({ date: '2026-11-26', day: Weekday.TH, time: '10:00' });
    expect(localTime(new Date('2026-11-26T09:01:00Z'))).toEqual({ date: '2026-11-26', day: Weekday.TH, time: '10:01' });
    // More instants than the cache holds: each still answered right.
    for (let minute = 0; minute < 600; minute += 1) {
      const instant = new Date(Date.UTC(2026, 10, 26, 9, minute));
      const local = localTime(instant);
      expect(local.time).toBe(`${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
    }
  });

  it('opens on schedule, honours special hours over holidays, and closes on other holidays', () => {
    expect(isOpenAt(CAFE, new Date('2026-11-24T15:30:00Z'))).toBe(true); // Tuesday 16:30
    expect(isOpenAt(CAFE, new Date('2026-11-24T17:00:00Z'))).toBe(false); // Tuesday 18:00: closing time is exclusive
    expect(isOpenAt(CAFE, new Date('2026-12-26T10:30:00Z'))).toBe(true); // Boxing Day special hours 11–13
    expect(isOpenAt(CAFE, new Date('2026-12-26T09:30:00Z'))).toBe(false);
    expect(isOpenAt(CAFE, new Date('2026-05-01T08:30:00Z'))).toBe(false); // a holiday that would be a Friday anyway
    expect(isOpenAt({ ...CAFE, weekly: [{ day: Weekday.FR, opens: '08:00', closes: '12:00' }] }, new Date('2026-04-03T08:30:00Z'))).toBe(
      false,
    ); // Good Friday
  });

  it('writes OpenStreetMap opening_hours, grouping equal consecutive days', () => {
    expect(toOsmOpeningHours(CAFE)).toBe('Tu-We 15:00-18:00; Sa 10:00-12:00; PH off; 2026 Dec 26 11:00-13:00');
    expect(toOsmOpeningHours({ weekly: [], exceptions: [], closedOnPublicHolidays: false })).toBe('off');
  });
});

describe('monthly intervals (a meeting on the first Tuesday, the last Friday)', () => {
  const MEETINGS: ScheduleData = {
    weekly: [{ day: Weekday.MO, opens: '09:00', closes: '12:00' }],
    monthly: [
      { week: 1, day: Weekday.TU, opens: '18:00', closes: '20:00' },
      { week: -1, day: Weekday.FR, opens: '15:00', closes: '17:00' },
    ],
    exceptions: [{ date: '2027-01-05', closed: true, note: 'after the holidays' }],
    closedOnPublicHolidays: true,
  };

  it('knows which week of its month a date is in', () => {
    expect(['2026-12-01', '2026-12-07', '2026-12-08', '2026-12-28', '2026-12-31'].map((date) => isWeekOfMonth(date, 1))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(
      ['2026-12-24', '2026-12-25', '2026-12-31', '2027-02-21', '2027-02-22', '2028-02-22', '2028-02-23'].map((date) =>
        isWeekOfMonth(date, -1),
      ),
    ).toEqual([
      false,
      true,
      true,
      false,
      true, // February 2027 has 28 days
      false,
      true, // 2028 is a leap year
    ]);
  });

  it('is open on the first Tuesday and the last Friday only, besides the weekly hours; exceptions and holidays still win', () => {
    const at = (iso: string) => isOpenAt(MEETINGS, new Date(iso));
    expect(at('2026-12-01T17:30:00Z')).toBe(true); // first Tuesday, 18:30 CET
    expect(at('2026-12-08T17:30:00Z')).toBe(false); // second Tuesday
    expect(at('2026-12-18T14:30:00Z')).toBe(false); // third Friday, 15:30
    expect(at('2027-01-29T14:30:00Z')).toBe(true); // last Friday of January, 15:30
    expect(at('2026-12-07T09:00:00Z')).toBe(true); // a Monday: the weekly hours still hold
    expect(at('2027-01-05T17:30:00Z')).toBe(false); // first Tuesday, but an exception closes it
    expect(at('2026-12-25T14:30:00Z')).toBe(false); // last Friday of December, but Christmas Day
  });

  it("adds them to the weekly hours in OpenStreetMap's syntax (`,` adds, `;` would replace)", () => {
    expect(toOsmOpeningHours(MEETINGS)).toBe('Mo 09:00-12:00, Tu[1] 18:00-20:00, Fr[-1] 15:00-17:00; PH off; 2027 Jan 05 off');
    expect(
      toOsmOpeningHours({
        weekly: [],
        monthly: [{ week: 2, day: Weekday.WE, opens: '19:00', closes: '21:00' }],
        exceptions: [],
        closedOnPublicHolidays: false,
      }),
    ).toBe('We[2] 19:00-21:00');
  });
});
