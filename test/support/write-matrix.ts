import type { Caller } from '@jobcenter-hub/service';
import { asUser } from './execute';

/** The five callers of the authorization matrix, for records owned by `owner`. */
export function matrixCallers(owner: string, other: string): [string, Caller | undefined, boolean][] {
  return [
    ['anonymous', undefined, false],
    ['a viewer of the owner', asUser(owner, 'viewer'), false],
    ['an editor of another organisation', asUser(other, 'editor'), false],
    ['an editor of the owner', asUser(owner, 'editor'), true],
    ['an admin', asUser(other, 'admin'), true],
  ];
}

/** The code a refused caller gets: UNAUTHENTICATED when anonymous, FORBIDDEN otherwise. */
export const refusalCode = (caller: Caller | undefined) => (caller ? 'FORBIDDEN' : 'UNAUTHENTICATED');
