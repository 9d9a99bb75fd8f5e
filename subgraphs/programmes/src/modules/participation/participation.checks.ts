import { badUserInput } from '@jobcenter-hub/service';
import { MAX_YEAR, MIN_YEAR } from './participation.entity';

/** Checks a `year` argument before any query runs. */
export function readYear(year: number | undefined | null, argument = 'year'): number | undefined {
  if (year === undefined || year === null) return undefined;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw badUserInput(argument, `must be a year between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  return year;
}
