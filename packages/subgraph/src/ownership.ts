import { assertCanWrite, type Caller, ErrorCode } from '@jobcenter-hub/service';
import { GraphQLError } from 'graphql';

/**
 * Anonymous callers may not write. Call it before a write looks anything up (e.g. the record a new
 * one belongs to, whose owner decides who may write), so they hear UNAUTHENTICATED whatever they sent.
 */
export function assertSignedIn(caller: Caller): void {
  if (caller.kind === 'anonymous') {
    throw new GraphQLError('sign in to change data', { extensions: { code: ErrorCode.Unauthenticated } });
  }
}

/** What a record hangs off, which decides its natural owner. */
export interface NaturalOwner {
  /** The owner the record should have: the owner (or operator) of what it hangs off. */
  ownerId: string;
  /** The input field that names what it hangs off, e.g. `'input.districtId'`. */
  field: string;
  /** What it hangs off, for the message: `district "muenster"`, `a site run by jcms`. */
  what: string;
}

/**
 * Some records hang off another one and change what that one shows (a city district among its city's
 * children, a figure on its district, an intake on its programme). Their owner must be the owner of
 * what they hang off; only an admin may name another, or an editor could publish in another
 * organisation's name. Callers who may not write for `ownerId` at all hear that first
 * (UNAUTHENTICATED or FORBIDDEN); others FORBIDDEN with `argument` and the natural `ownerId`.
 */
export function assertOwnerFollows(caller: Caller, ownerId: string, natural: NaturalOwner): void {
  if (ownerId === natural.ownerId || (caller.kind === 'user' && caller.roles.has('admin'))) return;
  assertCanWrite(caller, ownerId);
  throw new GraphQLError(
    `${natural.field}: ${natural.what} belongs to ${natural.ownerId}; only its editors (or an admin) may publish for it`,
    {
      extensions: { code: ErrorCode.Forbidden, argument: natural.field, ownerId: natural.ownerId },
    },
  );
}
