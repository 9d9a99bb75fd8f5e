import { badUserInput, ErrorCode } from '@jobcenter-hub/service';
import { GraphQLError } from 'graphql';

/** Ids as arguments: letters, digits and `-_.:`, at most 128 characters (any subgraph's, demo's or client's). */
const ID_ARGUMENT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Checks an id argument of a query before any statement runs (BAD_USER_INPUT naming `argument`);
 * unknown but well-formed ids are not an error. `null` and `undefined` become `undefined`.
 */
export function readId(argument: string, id: string | undefined | null): string | undefined {
  if (id === undefined || id === null) return undefined;
  if (!ID_ARGUMENT.test(id)) throw badUserInput(argument, 'is not an id (letters, digits and -_.:, at most 128 characters)');
  return id;
}

/**
 * A write whose input clashes with another live record on a natural key (an official key, a district
 * and year): CONFLICT naming the input field, as `badUserInput` names a wrong one.
 */
export const inputConflict = (argument: string, message: string): GraphQLError =>
  new GraphQLError(`${argument}: ${message}`, { extensions: { code: ErrorCode.Conflict, argument } });

/**
 * A reference from another subgraph (`_entities`) whose id no record of this one can have — not text,
 * a NUL byte, longer than any id — resolves to null without reaching the database (one bad
 * representation would otherwise fail the whole batch of its statement).
 */
export function isPlausibleReferenceId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= 128 && !id.includes('\0');
}
