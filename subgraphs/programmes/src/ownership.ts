import { assertCanWrite, type Caller, ErrorCode } from '@jobcenter-hub/service';
import { GraphQLError } from 'graphql';

/**
 * A new record's owner is the organisation it naturally belongs to (a programme: its operator; an
 * intake or figure: its programme's owner). Only an admin may say otherwise: an editor naming another
 * owner would publish in someone else's name, or hide a record from the organisation it concerns.
 */
export function assertOwnerFollows(caller: Caller, ownerId: string, naturalOwnerId: string, what: string): void {
  if (ownerId === naturalOwnerId || (caller.kind === 'user' && caller.roles.has('admin'))) return;
  assertCanWrite(caller, ownerId); // anonymous callers hear UNAUTHENTICATED, as for every other write
  throw new GraphQLError(`only admins may give ${what} an owner other than ${naturalOwnerId}`, {
    extensions: { code: ErrorCode.Forbidden, ownerId: naturalOwnerId },
  });
}

/**
 * Anonymous callers may not write: said before a write looks anything up (e.g. the programme an intake
 * belongs to, whose owner decides who may write), so they hear UNAUTHENTICATED whatever they sent.
 */
export function assertSignedIn(caller: Caller): void {
  if (caller.kind === 'anonymous') {
    throw new GraphQLError('sign in to change data', { extensions: { code: ErrorCode.Unauthenticated } });
  }
}
