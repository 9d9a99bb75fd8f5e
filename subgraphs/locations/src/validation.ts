import { ValidateBy, type ValidationOptions } from 'class-validator';

// Only what locations' inputs share; the validators every subgraph uses (IfSent, IsCalendarDate, TIME_OF_DAY …)
// are @jobcenter-hub/subgraph's.

/** A German postcode: five digits. */
export const POSTCODE = /^\d{5}$/;
export const POSTCODE_MESSAGE = '$property must be German postcodes of five digits, e.g. "48143"';

/** An official municipality key (AGS): eight digits. */
export const AGS = /^\d{8}$/;

/** Not greater than the sibling number `property` of the same object (when that one is sent). */
export const IsAtMost = (property: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAtMost',
      constraints: [property],
      validator: {
        validate: (value, args) => {
          const limit = (args?.object as Record<string, unknown>)[property];
          return typeof limit !== 'number' || (typeof value === 'number' && value <= limit);
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must not be greater than ${property}`,
      },
    },
    options,
  );
