// When a site opens next, from its weekly hours and dated exceptions, in Europe/Berlin time. Public
// holidays are not known here (the page says so); the hub's `isOpen` knows them and decides "open now".
import type { Schedule } from './types';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Now in Europe/Berlin: the local date (YYYY-MM-DD), weekday (0 = Monday) and time (HH:MM). */
export function berlinNow(now: Date = new Date()): { date: string; weekday: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

export interface NextOpening {
  date: string;
  weekday: number;
  opens: string;
  closes: string;
  /** 0: today. */
  inDays: number;
}

/** The next interval that starts after now (within 14 days), or undefined. */
export function nextOpening(schedule: Schedule, now: Date = new Date()): NextOpening | undefined {
  const today = berlinNow(now);
  for (let inDays = 0; inDays < 14; inDays++) {
    const date = addDays(today.date, inDays);
    const weekday = (today.weekday + inDays) % 7;
    const exception = schedule.exceptions.find((entry) => entry.date === date);
    if (exception?.closed) continue;
    const intervals = exception
      ? exception.hours
      : schedule.weekly.filter((entry) => entry.day === DAYS[weekday]).map(({ opens, closes }) => ({ opens, closes }));
    const upcoming = intervals
      .filter((interval) => inDays > 0 || interval.opens > today.time)
      .sort((a, b) => a.opens.localeCompare(b.opens))[0];
    if (upcoming) return { date, weekday, opens: upcoming.opens, closes: upcoming.closes, inDays };
  }
  return undefined;
}
