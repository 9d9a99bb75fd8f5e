import { ID_PATTERN, isCalendarDate } from '@jobcenter-hub/subgraph';
import { IsOptional, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { Field, ID } from 'type-graphql';

// The validators every subgraph uses (IfSent, IsCalendarDate …) are @jobcenter-hub/subgraph's; a programme's dates are
// checked more narrowly.

/** `YYYY-MM-DD`, a real calendar day (no 2025-02-30) between the years 1900 and 2100. */
export function isLocalDate(value: unknown): value is string {
  if (!isCalendarDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= 1900 && year <= 2100;
}

export const IsLocalDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value) => isLocalDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date YYYY-MM-DD between 1900 and 2100`,
      },
    },
    options,
  );

/**
 * `ownerId` of a create input whose record naturally belongs to someone else than the caller (a
 * programme to its operator, an intake or figure to its programme's owner): the same check as the shared
 * `CreateInputBase.ownerId`, documented with the right default.
 */
export const OwnerIdField =
  (defaultOwner: string): PropertyDecorator =>
  (target, key) => {
    Field(() => ID, { nullable: true, description: `The owning organisation; default: ${defaultOwner}. Only admins may name another.` })(
      target,
      key,
    );
    IsOptional()(target, key);
    Matches(ID_PATTERN, { message: 'ownerId must be an organisation id' })(target, key);
  };
