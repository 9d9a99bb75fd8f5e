import { IsDefined, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/** Local time of day, 24 h: `00:00` … `23:59`, and `24:00` for "until midnight". */
export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * For a field of an update input whose column is NOT NULL: left out (undefined) it is not checked and
 * stays as it is; sent, even as null, it must pass the field's checks, so `null` is refused with a
 * message naming the field instead of reaching the database. (`@IsOptional` would let null through.)
 * `nullRefused` replaces the options of that null check, e.g. its message.
 */
export const IfSent =
  (nullRefused?: ValidationOptions): PropertyDecorator =>
  (target, key) => {
    ValidateIf((_object, value) => value !== undefined)(target, key);
    IsDefined(nullRefused ?? { message: `${String(key)} may be left out, but not null` })(target, key);
  };

/**
 * For `IfSent(CLASS_VALIDATOR_NULL_MESSAGE)`: class-validator's own message for the refused null, which
 * the organisations and partners subgraphs have always answered with.
 */
export const CLASS_VALIDATOR_NULL_MESSAGE: ValidationOptions = { message: '$property should not be null or undefined' };

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date, YYYY-MM-DD. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: (args) => `${args?.property ?? 'value'} must be a date written YYYY-MM-DD` },
    },
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
