import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/** Local time of day, 24 h: `00:00` … `23:59`, and `24:00` for "until midnight". */
export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** A phone number as people write it: digits, spaces and `+()/-`, 3 to 40 characters. */
export const PHONE = /^\+?[0-9][0-9 ()/-]{2,39}$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date, YYYY-MM-DD. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: (args) => `${args?.property ?? 'value'} must be a date written YYYY-MM-DD` } },
    options,
  );

/** Later than the sibling `property` of the same object (HH:MM strings compare as times). */
export const IsLaterThan = (property: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLaterThan',
      constraints: [property],
      validator: {
        validate: (value, args) => typeof value === 'string' && value > String((args?.object as Record<string, unknown>)[property]),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be later than ${property}`,
      },
    },
    options,
  );

/**
 * Validates a field of an update input only when the client sent it, and refuses `null` for fields
 * that cannot be cleared (with `@IsDefined()`; type-graphql skips null and undefined for other checks).
 */
export const IfSent = () => ValidateIf((_object, value) => value !== undefined);
