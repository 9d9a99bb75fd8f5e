import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

// The same helpers as the partners subgraph's: candidates for the kit's write-api.

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

/**
 * Validates a field of an update input only when the client sent it, and refuses `null` for fields
 * that cannot be cleared (with `@IsDefined()`; type-graphql skips null and undefined for other checks).
 */
export const IfSent = () => ValidateIf((_object, value) => value !== undefined);
