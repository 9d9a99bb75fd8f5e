import type { Caller } from '@jobcenter-hub/service';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { inputConflict, readId } from '../src/checks';
import { today } from '../src/clock';
import { perFilter } from '../src/loaders';
import { assertOwnerFollows, assertSignedIn } from '../src/ownership';
import { Provenance, SourceKind } from '../src/provenance';
import { assertNotOwnAncestor, findReferenced } from '../src/references';
import { PublishedEntity } from '../src/published';
import { forkRequestEm, LIVE_FILTER, publishedEntityNames, WITH_ARCHIVED } from '../src/soft-delete';
import { pickFields, provenanceOf } from '../src/write-api';

/** The code and argument of what `run` throws, or undefined when it does not throw. */
function refusal(run: () => unknown): { code: unknown; argument: unknown; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { code: error.extensions.code, argument: error.extensions.argument, message: error.message };
  }
}

async function refusalOf(run: () => Promise<unknown>) {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { code: error.extensions.code, argument: error.extensions.argument, message: error.message };
  }
}

const editorOf = (organisationId: string): Caller => ({ kind: 'user', subject: 'e', organisationId, roles: new Set(['editor']) });
const admin: Caller = { kind: 'user', subject: 'a', organisationId: 'hub', roles: new Set(['admin']) };

describe('perFilter', () => {
  it('creates one loader per distinct filter and reuses it for an equal one', () => {
    let created = 0;
    const loaders = perFilter((filter: { kind?: string }) => ({ filter, n: (created += 1) }));
    const a = loaders({ kind: 'X' });
    expect(loaders({ kind: 'X' })).toBe(a);
    expect(loaders({ kind: 'Y' })).not.toBe(a);
    expect(loaders({})).not.toBe(a);
    expect(created).toBe(3);
  });
});

describe('pickFields and provenanceOf', () => {
  it('copies the named fields only, leaving unsent ones undefined', () => {
    const input = { id: 'x', name: 'N', note: undefined as string | undefined, other: 1 };
    expect(pickFields(input, ['name', 'note'] as const)).toEqual({ name: 'N', note: undefined });
    expect(Object.keys(pickFields(input, ['name', 'note'] as const))).toEqual(['name', 'note']);
  });

  it('turns a sent source into provenance and an unsent one into undefined', () => {
    expect(provenanceOf({ kind: SourceKind.PUBLISHER, citation: 'c' })).toEqual(new Provenance(SourceKind.PUBLISHER, 'c'));
    expect(provenanceOf(undefined)).toBeUndefined();
    expect(provenanceOf(null)).toBeUndefined();
  });
});

describe('assertSignedIn and assertOwnerFollows', () => {
  const natural = { ownerId: 'stadt', field: 'input.districtId', what: 'district "mitte"' };

  it('refuses anonymous callers with UNAUTHENTICATED', () => {
    expect(refusal(() => assertSignedIn({ kind: 'anonymous' }))?.code).toBe('UNAUTHENTICATED');
    expect(refusal(() => assertSignedIn(editorOf('stadt')))).toBeUndefined();
    expect(refusal(() => assertOwnerFollows({ kind: 'anonymous' }, 'other', natural))?.code).toBe('UNAUTHENTICATED');
  });

  it('lets the natural owner and admins through', () => {
    expect(refusal(() => assertOwnerFollows(editorOf('stadt'), 'stadt', natural))).toBeUndefined();
    expect(refusal(() => assertOwnerFollows(admin, 'other', natural))).toBeUndefined();
  });

  it('refuses an editor naming another owner with FORBIDDEN, naming the field', () => {
    expect(refusal(() => assertOwnerFollows(editorOf('jc'), 'jc', natural))).toEqual({
      code: 'FORBIDDEN',
      argument: 'input.districtId',
      message: 'input.districtId: district "mitte" belongs to stadt; only its editors (or an admin) may publish for it',
    });
    // Who may not write for the owner they name hears that first.
    expect(refusal(() => assertOwnerFollows(editorOf('jc'), 'stadt-x', natural))?.message).toMatch(/only editors of stadt-x/);
  });
});

describe('readId', () => {
  it('passes well-formed ids and absent ones, and refuses others naming the argument', () => {
    expect(readId('organisationId', 'jc-muenster')).toBe('jc-muenster');
    expect(readId('organisationId', null)).toBeUndefined();
    expect(refusal(() => readId('organisationId', 'not an id'))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'organisationId' });
  });
});

describe('inputConflict', () => {
  it('is a CONFLICT naming the input field that clashes', () => {
    const error = inputConflict('input.year', 'already taken');
    expect({ code: error.extensions.code, argument: error.extensions.argument, message: error.message }).toEqual({
      code: 'CONFLICT',
      argument: 'input.year',
      message: 'input.year: already taken',
    });
  });
});

describe('today', () => {
  it('is the calendar day in Berlin, not in UTC', () => {
    expect(today(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(today(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });

  it('turns at midnight in Berlin, to the millisecond, in winter and in summer, whatever it answered just before', () => {
    const asked = [
      ['2026-11-30T22:59:00.000Z', '2026-11-30'],
      ['2026-11-30T22:59:59.999Z', '2026-11-30'],
      ['2026-11-30T23:00:00.000Z', '2026-12-01'],
      ['2026-11-30T22:59:30.000Z', '2026-11-30'],
      ['2026-06-30T21:59:59.999Z', '2026-06-30'],
      ['2026-06-30T22:00:00.000Z', '2026-07-01'],
      ['2026-06-30T22:00:00.001Z', '2026-07-01'],
      // The change to summer time (01:00 UTC): no day changes.
      ['2026-03-29T00:59:59.999Z', '2026-03-29'],
      ['2026-03-29T01:00:00.000Z', '2026-03-29'],
    ] as const;
    for (const [instant, day] of asked) expect([instant, today(new Date(instant))]).toEqual([instant, day]);
  });
});

describe('the live filter', () => {
  class Published extends PublishedEntity {}
  class Plain {}
  const added: unknown[][] = [];
  const fork = { addFilter: (...args: unknown[]) => added.push(args) };
  const orm = {
    em: { fork: () => fork },
    getMetadata: () => ({
      getAll: () => ({
        Published: { className: 'Published', class: Published, abstract: false },
        Plain: { className: 'Plain', class: Plain, abstract: false },
        PublishedEntity: { className: 'PublishedEntity', class: PublishedEntity, abstract: true },
      }),
    }),
  } as unknown as MikroORM;

  it('applies `archivedAt: null` to the published entities of a request fork, and WITH_ARCHIVED turns it off', () => {
    expect(publishedEntityNames(orm)).toEqual(['Published']);
    expect(forkRequestEm(orm)).toBe(fork);
    expect(added).toEqual([[LIVE_FILTER, { archivedAt: null }, ['Published'], true]]);
    expect(WITH_ARCHIVED).toEqual({ filters: { [LIVE_FILTER]: false } });
  });
});

type Row = { id: string; archivedAt?: Date; parent?: Row | null };

/** An EntityManager that answers `findOne({ id })` from a map and records the options it was given. */
function fakeEm(rows: Row[]) {
  const options: unknown[] = [];
  const em = {
    findOne: (_entity: unknown, where: { id: string }, opts: unknown) => {
      options.push(opts);
      return Promise.resolve(rows.find((row) => row.id === where.id) ?? null);
    },
  } as unknown as EntityManager;
  return { em, options };
}

class Node {
  id!: string;
  archivedAt?: Date;
  parent?: Node | null;
}

describe('findReferenced', () => {
  const rows: Row[] = [{ id: 'live' }, { id: 'gone', archivedAt: new Date() }];

  it('returns a live record and passes null and undefined through', async () => {
    const { em, options } = fakeEm(rows);
    await expect(findReferenced(em, Node, 'node', 'live', 'input.nodeId')).resolves.toEqual({ id: 'live' });
    await expect(findReferenced(em, Node, 'node', null, 'input.nodeId')).resolves.toBeNull();
    await expect(findReferenced(em, Node, 'node', undefined, 'input.nodeId')).resolves.toBeUndefined();
    expect(options).toEqual([WITH_ARCHIVED]);
  });

  it('refuses unknown and archived records with BAD_USER_INPUT naming the field', async () => {
    const { em } = fakeEm(rows);
    expect(await refusalOf(() => findReferenced(em, Node, 'node', 'nope', 'input.nodeId'))).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.nodeId',
      message: 'input.nodeId: no node "nope"',
    });
    expect(await refusalOf(() => findReferenced(em, Node, 'node', 'gone', 'input.nodeId'))).toMatchObject({
      message: 'input.nodeId: node "gone" is archived',
    });
  });
});

describe('assertNotOwnAncestor', () => {
  // top ← middle ← bottom, and a loop a ⇄ b already in the data
  const top: Row = { id: 'top', parent: null };
  const middle: Row = { id: 'middle', parent: top };
  const bottom: Row = { id: 'bottom', parent: middle };
  const a: Row = { id: 'a' };
  const b: Row = { id: 'b', parent: a };
  a.parent = b;
  const { em } = fakeEm([top, middle, bottom, a, b]);

  it('refuses the record itself and every record below it as its parent', async () => {
    for (const parent of [top, middle, bottom]) {
      expect(await refusalOf(() => assertNotOwnAncestor(em, Node, 'node', 'top', parent, 'input.parentId'))).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'input.parentId',
      });
    }
  });

  it('accepts a parent above or beside it, none, and ends on a loop it is not part of', async () => {
    await expect(assertNotOwnAncestor(em, Node, 'node', 'bottom', middle, 'input.parentId')).resolves.toBeUndefined();
    await expect(assertNotOwnAncestor(em, Node, 'node', 'middle', null, 'input.parentId')).resolves.toBeUndefined();
    await expect(assertNotOwnAncestor(em, Node, 'node', 'top', a, 'input.parentId')).resolves.toBeUndefined();
  });
});
