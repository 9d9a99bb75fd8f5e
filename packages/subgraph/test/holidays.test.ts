import { holidayRegionOfKey, holidayRegionOfKeys, isPublicHoliday, type Land, LANDS, publicHolidays } from '../src/holidays';
import { isOpenAt, type ScheduleData, toOsmOpeningHours, Weekday } from '../src/schedule';

// Expected dates written down from the Länder's holiday laws and the church calendar, not computed: the
// nine holidays of every Land per year, and what each Land adds. Easter Sundays: 2016-03-27, 2017-04-16,
// 2019-04-21, 2022-04-17, 2023-04-09, 2026-04-05.
const YEARS = [2016, 2017, 2019, 2022, 2023, 2026] as const;
type Year = (typeof YEARS)[number];

const NATIONWIDE: Record<Year, string[]> = {
  // New Year, Good Friday, Easter Monday, 1 May, Ascension, Whit Monday, 3 October, 25 and 26 December;
  // in 2017 also Reformationstag (500th anniversary of the Reformation, a holiday in every Land once).
  2016: ['01-01', '03-25', '03-28', '05-01', '05-05', '05-16', '10-03', '12-25', '12-26'],
  2017: ['01-01', '04-14', '04-17', '05-01', '05-25', '06-05', '10-03', '10-31', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-01', '05-30', '06-10', '10-03', '12-25', '12-26'],
  2022: ['01-01', '04-15', '04-18', '05-01', '05-26', '06-06', '10-03', '12-25', '12-26'],
  2023: ['01-01', '04-07', '04-10', '05-01', '05-18', '05-29', '10-03', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-01', '05-14', '05-25', '10-03', '12-25', '12-26'],
};

const FRONLEICHNAM: Record<Year, string> = { 2016: '05-26', 2017: '06-15', 2019: '06-20', 2022: '06-16', 2023: '06-08', 2026: '06-04' };
const BUSS_UND_BETTAG: Record<Year, string> = { 2016: '11-16', 2017: '11-22', 2019: '11-20', 2022: '11-16', 2023: '11-22', 2026: '11-18' };
const EASTER_SUNDAY: Record<Year, string> = { 2016: '03-27', 2017: '04-16', 2019: '04-21', 2022: '04-17', 2023: '04-09', 2026: '04-05' };
const WHIT_SUNDAY: Record<Year, string> = { 2016: '05-15', 2017: '06-04', 2019: '06-09', 2022: '06-05', 2023: '05-28', 2026: '05-24' };

const EPIPHANY = '01-06'; // Heilige Drei Könige
const WOMENS_DAY = '03-08'; // Internationaler Frauentag
const ASSUMPTION = '08-15'; // Mariä Himmelfahrt
const CHILDRENS_DAY = '09-20'; // Weltkindertag
const REFORMATION = '10-31'; // Reformationstag
const ALL_SAINTS = '11-01'; // Allerheiligen

/** What each Land adds to the nine, by year. */
const EXTRA: Record<Land, (year: Year) => string[]> = {
  BW: (year) => [EPIPHANY, FRONLEICHNAM[year], ALL_SAINTS],
  // Mariä Himmelfahrt is a holiday only in Bavaria's predominantly Catholic municipalities; the library
  // (and so the hub) counts it for all of Bavaria.
  BY: (year) => [EPIPHANY, FRONLEICHNAM[year], ASSUMPTION, ALL_SAINTS],
  // Internationaler Frauentag since 2019.
  BE: (year) => (year >= 2019 ? [WOMENS_DAY] : []),
  // Brandenburg's law also names Easter Sunday and Whit Sunday.
  BB: (year) => [EASTER_SUNDAY[year], WHIT_SUNDAY[year], REFORMATION],
  // The four northern Länder: Reformationstag every year since 2018 (2017: with every Land).
  HB: (year) => (year >= 2018 ? [REFORMATION] : []),
  HH: (year) => (year >= 2018 ? [REFORMATION] : []),
  NI: (year) => (year >= 2018 ? [REFORMATION] : []),
  SH: (year) => (year >= 2018 ? [REFORMATION] : []),
  HE: (year) => [FRONLEICHNAM[year]],
  // Internationaler Frauentag since 2023.
  MV: (year) => [...(year >= 2023 ? [WOMENS_DAY] : []), REFORMATION],
  NW: (year) => [FRONLEICHNAM[year], ALL_SAINTS],
  RP: (year) => [FRONLEICHNAM[year], ALL_SAINTS],
  SL: (year) => [FRONLEICHNAM[year], ASSUMPTION, ALL_SAINTS],
  // Buß- und Bettag: Saxony only (the Wednesday before the last Sunday before Advent).
  SN: (year) => [REFORMATION, BUSS_UND_BETTAG[year]],
  ST: () => [EPIPHANY, REFORMATION],
  // Weltkindertag since 2019.
  TH: (year) => [...(year >= 2019 ? [CHILDRENS_DAY] : []), REFORMATION],
};

/** A municipality of each Land (its capital's AGS). */
const CAPITAL: Record<Land, string> = {
  SH: '01002000', // Kiel
  HH: '02000000',
  NI: '03241001', // Hannover
  HB: '04011000',
  NW: '05111000', // Düsseldorf
  HE: '06414000', // Wiesbaden
  RP: '07315000', // Mainz
  BW: '08111000', // Stuttgart
  BY: '09162000', // München
  SL: '10041100', // Saarbrücken
  BE: '11000000',
  BB: '12054000', // Potsdam
  MV: '13004000', // Schwerin
  SN: '14612000', // Dresden
  ST: '15003000', // Magdeburg
  TH: '16051000', // Erfurt
};

const dates = (year: number, monthDays: string[]) => [...new Set(monthDays)].map((monthDay) => `${year}-${monthDay}`).sort();

describe('public holidays of every Land', () => {
  it('reads the Land from the first two digits of an official key', () => {
    expect(LANDS).toHaveLength(16);
    expect(holidayRegionOfKey('05515000')).toEqual({ land: 'NW', municipalityKey: '05515000' }); // Münster
    expect(holidayRegionOfKey('05562')).toEqual({ land: 'NW' }); // Kreis Recklinghausen
    expect(holidayRegionOfKey('14')).toEqual({ land: 'SN' });
    expect(holidayRegionOfKey('17000000')).toBeNull(); // no Land 17
    expect(holidayRegionOfKey('00000000')).toBeNull();
    expect(holidayRegionOfKey('5515000')).toBeNull(); // not a key: a leading digit is missing
    expect(holidayRegionOfKey('abc')).toBeNull();
    expect(holidayRegionOfKey(undefined)).toBeNull();
  });

  it("reads the Land of an organisation's area from its keys, when they all lie in one", () => {
    expect(holidayRegionOfKeys(['05515000'])).toEqual({ land: 'NW', municipalityKey: '05515000' });
    expect(holidayRegionOfKeys(['05562004', '05562032'])).toEqual({ land: 'NW' });
    expect(holidayRegionOfKeys(['05515000', '03241001'])).toBeNull(); // North Rhine-Westphalia and Lower Saxony
    expect(holidayRegionOfKeys(['05515000', 'x'])).toBeNull();
    expect(holidayRegionOfKeys([])).toBeNull();
    expect(holidayRegionOfKeys(undefined)).toBeNull();
  });

  for (const land of LANDS) {
    it(`${land}: ${YEARS.join(', ')}`, () => {
      const region = holidayRegionOfKey(CAPITAL[land]);
      expect(region?.land).toBe(land);
      for (const year of YEARS) {
        const expected = dates(year, [...NATIONWIDE[year], ...EXTRA[land](year)]);
        expect({ year, dates: publicHolidays(year, region).map((holiday) => holiday.date) }).toEqual({ year, dates: expected });
      }
    });
  }

  it('names the holidays in German', () => {
    const sn = publicHolidays(2026, { land: 'SN' });
    expect(sn.find((holiday) => holiday.date === '2026-11-18')?.name).toBe('Buß- und Bettag');
    expect(publicHolidays(2026, { land: 'NW' }).find((holiday) => holiday.date === '2026-06-04')?.name).toBe('Fronleichnam');
  });

  it('without a key: only the nine holidays of every Land (ten in 2017)', () => {
    for (const year of YEARS) expect(publicHolidays(year, null).map((holiday) => holiday.date)).toEqual(dates(year, NATIONWIDE[year]));
  });

  it("adds Berlin's one-off 8 May holidays of 2020 and 2025, and Augsburg's Friedensfest in the city of Augsburg only", () => {
    expect(isPublicHoliday('2020-05-08', { land: 'BE' })).toBe(true);
    expect(isPublicHoliday('2025-05-08', { land: 'BE' })).toBe(true);
    expect(isPublicHoliday('2026-05-08', { land: 'BE' })).toBe(false);
    expect(isPublicHoliday('2025-05-08', { land: 'BB' })).toBe(false);
    expect(isPublicHoliday('2026-08-08', holidayRegionOfKey('09761000'))).toBe(true); // Augsburg
    expect(isPublicHoliday('2026-08-08', holidayRegionOfKey('09162000'))).toBe(false); // München
  });
});

describe('opening hours with the holidays of the site’s Land', () => {
  const OFFICE: ScheduleData = {
    weekly: [Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR].map((day) => ({ day, opens: '08:00', closes: '12:30' })),
    exceptions: [{ date: '2026-12-31', closed: false, hours: [{ opens: '09:00', closes: '11:00' }], note: 'Silvester, kurz' }],
    annual: [
      { monthDay: '12-24', closed: true, note: 'Heiligabend' },
      { monthDay: '12-31', closed: true, note: 'Silvester' },
    ],
    closedOnPublicHolidays: true,
  };
  const at = (iso: string, key: string | null) => isOpenAt(OFFICE, new Date(iso), holidayRegionOfKey(key));

  it('closes on the holidays of the Land of the key, and only on those', () => {
    // Thursday 4 June 2026, 09:00 local: Fronleichnam in North Rhine-Westphalia, a working day in Lower Saxony.
    expect(at('2026-06-04T07:00:00Z', '05515000')).toBe(false);
    expect(at('2026-06-04T07:00:00Z', '03241001')).toBe(true);
    // Wednesday 18 November 2026: Buß- und Bettag, in Saxony only.
    expect(at('2026-11-18T08:00:00Z', '14612000')).toBe(false);
    expect(at('2026-11-18T08:00:00Z', '05515000')).toBe(true);
    // Without a key only the nine count: open on Fronleichnam, closed on Good Friday.
    expect(at('2026-06-04T07:00:00Z', null)).toBe(true);
    expect(at('2026-04-03T07:00:00Z', null)).toBe(false);
  });

  it('applies annual exceptions every year, under the dated ones', () => {
    expect(at('2027-12-24T08:00:00Z', '05515000')).toBe(false); // Friday 24 December 2027
    expect(at('2030-12-24T08:00:00Z', '05515000')).toBe(false); // Tuesday
    expect(at('2027-12-23T08:00:00Z', '05515000')).toBe(true);
    expect(at('2027-12-31T08:00:00Z', '05515000')).toBe(false); // Friday 31 December 2027
    expect(at('2026-12-31T08:30:00Z', '05515000')).toBe(true); // the dated exception of 2026: 09:00-11:00
    expect(at('2026-12-31T10:30:00Z', '05515000')).toBe(false);
    expect(toOsmOpeningHours(OFFICE)).toBe('Mo-Fr 08:00-12:30; PH off; Dec 24 off; Dec 31 off; 2026 Dec 31 09:00-11:00');
  });
});
