import { assertCanWrite, badUserInput, type Caller, ErrorCode } from '@jobcenter-hub/service';
import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';

/**
 * Anonymous callers may not write: said before a write looks anything up (e.g. the district a figure
 * belongs to, whose owner decides who may write), so they hear UNAUTHENTICATED whatever they sent.
 */
export function assertSignedIn(caller: Caller): void {
  if (caller.kind === 'anonymous') {
    throw new GraphQLError('sign in to change data', { extensions: { code: ErrorCode.Unauthenticated } });
  }
}

const isAdmin = (caller: Caller) => caller.kind === 'user' && caller.roles.has('admin');

/**
 * Some records hang off another one and change what that one shows: a city district appears among its
 * city's children, a figure on its district, a service area on its site, a site in its organisation's
 * list. Their owner must be the owner of what they hang off; only an admin may say otherwise, or an
 * editor could publish in another organisation's name (or squat its district-and-year figures).
 */
export function assertOwnerFollows(caller: Caller, ownerId: string, naturalOwnerId: string, field: string, what: string): void {
  if (ownerId === naturalOwnerId || isAdmin(caller)) return;
  assertCanWrite(caller, ownerId); // callers who may not write for ownerId at all hear that first
  throw new GraphQLError(`${field}: ${what} belongs to ${naturalOwnerId}; only its editors (or an admin) may publish for it`, {
    extensions: { code: ErrorCode.Forbidden, argument: field, ownerId: naturalOwnerId },
  });
}

/**
 * A record of this subgraph that `field` refers to: it must exist and not be archived, or the client
 * hears BAD_USER_INPUT naming the field.
 */
export async function findLive<T extends { id: string; archivedAt?: Date }>(
  em: EntityManager,
  entity: EntityClass<T>,
  typeName: string,
  id: string,
  field: string,
): Promise<T> {
  const record = (await em.findOne(entity, { id } as never)) as T | null;
  if (!record) throw badUserInput(field, `there is no ${typeName} ${JSON.stringify(id)}`);
  if (record.archivedAt) throw badUserInput(field, `${typeName} ${JSON.stringify(id)} is archived`);
  return record;
}

/** A conflict with another live record (a duplicate natural key), named by the field that clashes. */
export const duplicate = (field: string, message: string) =>
  new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.Conflict, argument: field } });
