import { badUserInput } from '@jobcenter-hub/service';

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
