import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { ArgsType, type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { cacheHint } from './cache-control';
import { isCalendarDate } from './validation';
import { badUserInput, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@jobcenter-hub/service';

@Directive(cacheHint.part)
@ObjectType({ description: 'Where a page ends and whether another follows.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

/** `first` / `after` on every list field. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * A connection type for a list of `node` (named `<name>Connection`): the nodes of one page, where it
 * ends, and how many items the whole list has. Its cache hint is that of reference data unless given
 * (the nodes' own hints narrow it further).
 */
export function createConnectionType<T extends object>(name: string, node: ClassType<T>, hint: string = cacheHint.reference) {
  @Directive(hint)
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, in a stable order.` })
  class Connection implements Page<T> {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list has (all pages).' })
    totalCount!: number;
  }
  return Connection;
}

type SortValue = string | number | null;

/** The longest text a cursor may hold in one sort value (names are at most a few hundred characters). */
const MAX_CURSOR_TEXT = 1000;
/** The longest cursor accepted at all: a few sort values, base64url-encoded with their list's name. */
const MAX_CURSOR_LENGTH = 4000;

const refusedCursor = () => badUserInput('after', 'is not a cursor of this list; pass the endCursor of the previous page');

/**
 * A position in a list: the sort values of the last item of a page. Resolvers see only positions; the
 * federation bridge seals each into the cursor a client sees, naming the list it belongs to
 * (`sealCursor`), and opens a client's cursor only for that list (`openCursor`).
 */
const encodePosition = (values: SortValue[]): string => JSON.stringify(values);

const isSortValue = (value: unknown): value is SortValue =>
  value === null ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.length <= MAX_CURSOR_TEXT && !value.includes('\0'));

function decodePosition(position: string, arity: number | undefined): SortValue[] {
  let values: unknown;
  try {
    values = JSON.parse(position) as unknown;
  } catch {
    throw refusedCursor();
  }
  if (Array.isArray(values) && values.length > 0 && (arity === undefined || values.length === arity) && values.every(isSortValue)) {
    return values;
  }
  throw refusedCursor();
}

/**
 * The cursor a client sees for `position` of `list` (the field's schema coordinate, e.g.
 * `Query.organisations`, which fixes its order): base64url of `[list, values]`.
 */
export function sealCursor(list: string, position: string): string {
  return Buffer.from(JSON.stringify([list, JSON.parse(position) as unknown]), 'utf8').toString('base64url');
}

/**
 * The position a client's cursor names, when it is a cursor of `list`; BAD_USER_INPUT (`after`) for
 * anything else: another list's cursor, a crafted or truncated one, a cursor from before the list had
 * its name in it.
 */
export function openCursor(list: string, cursor: string): string {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refusedCursor();
  let sealed: unknown;
  try {
    sealed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw refusedCursor();
  }
  if (!Array.isArray(sealed) || sealed.length !== 2 || sealed[0] !== list || !Array.isArray(sealed[1]) || !sealed[1].every(isSortValue)) {
    throw refusedCursor();
  }
  return JSON.stringify(sealed[1]);
}

/** What a sort value must be, so that a crafted cursor never reaches SQL with a value of another type. */
interface SortKind {
  type: 'text' | 'integer' | 'number' | 'date' | 'any';
  nullable: boolean;
}

function acceptsKind({ type, nullable }: SortKind, value: SortValue): boolean {
  if (value === null) return nullable;
  switch (type) {
    case 'any':
      return true;
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^-?\d{1,18}$/.test(value));
    case 'date':
      return (
        typeof value === 'string' &&
        /^[1-9]\d{3}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z)?$/.test(value) &&
        isCalendarDate(value.slice(0, 10)) &&
        !Number.isNaN(Date.parse(value))
      );
  }
}

function checkKinds(values: SortValue[], kinds: SortKind[]): SortValue[] {
  if (values.length !== kinds.length || !values.every((value, i) => acceptsKind(kinds[i]!, value))) throw refusedCursor();
  return values;
}

/** The kind of a sort value of an item in memory (a list sorted in memory compares any values safely). */
const kindOfValue = (value: SortValue): SortKind => ({
  type: value === null ? 'any' : typeof value === 'number' ? 'number' : 'text',
  nullable: true,
});

/** The kind of a column, from the entity's metadata. */
function kindOfColumn(em: EntityManager, entity: EntityClass<object>, key: string): SortKind {
  const property = em.getMetadata().find(entity.name)?.properties[key as never] as
    { columnTypes?: string[]; runtimeType?: string; nullable?: boolean } | undefined;
  const column = (property?.columnTypes?.[0] ?? property?.runtimeType ?? '').toLowerCase();
  const nullable = property?.nullable === true;
  if (/int|serial/.test(column)) return { type: 'integer', nullable };
  if (/double|real|float|numeric|decimal|number/.test(column)) return { type: 'number', nullable };
  if (/date|time/.test(column)) return { type: 'date', nullable };
  return { type: 'text', nullable };
}

/** Checks `first`/`after` before any query runs (`sortKeys`: the cursor's arity, when known). */
export function readPageArgs(page: PageArgs | undefined, sortKeys: number | undefined): { first: number; after: SortValue[] | null } {
  const first = page?.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { first, after: page?.after ? decodePosition(page.after, sortKeys) : null };
}

/** A column's value as a sort value (a Date as its ISO text). */
const sortValueOf = (value: unknown): SortValue => (value instanceof Date ? value.toISOString() : ((value ?? null) as SortValue));

function compare(a: SortValue[], b: SortValue[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/**
 * One page of a list already in memory (e.g. what a DataLoader batched for many parents in one
 * statement), sorted by `sortKey`. Cursors hold the sort key, so pages stay stable when items are added.
 */
export function paginateArray<T>(items: readonly T[], page: PageArgs | undefined, sortKey: (item: T) => SortValue[]): Page<T> {
  const sample = items.length > 0 ? sortKey(items[0]!) : undefined;
  const { first, after } = readPageArgs(page, sample?.length);
  if (after && sample) checkKinds(after, sample.map(kindOfValue));
  const sorted = [...items].sort((a, b) => compare(sortKey(a), sortKey(b)));
  const start = after ? sorted.findIndex((item) => compare(sortKey(item), after) > 0) : 0;
  const rest = start < 0 ? [] : sorted.slice(start);
  const nodes = rest.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount: items.length,
    pageInfo: { hasNextPage: rest.length > first, endCursor: last ? encodePosition(sortKey(last)) : null },
  };
}

/**
 * One page of an entity list straight from PostgreSQL: keyset pagination on `sortKeys` (ascending, the
 * last one unique, e.g. `['name', 'id']`) plus one count: two statements, whatever the page or list size.
 * Pass `where` as a function when it holds a raw fragment (e.g. `matchesText`): MikroORM's raw fragments
 * serve one query each, and this runs two.
 */
export async function paginateQuery<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T> | (() => FilterQuery<T>),
  page: PageArgs | undefined,
  sortKeys: readonly string[] = ['name', 'id'],
): Promise<Page<T>> {
  const { first, after } = readPageArgs(page, sortKeys.length);
  if (after)
    checkKinds(
      after,
      sortKeys.map((key) => kindOfColumn(em, entity as EntityClass<object>, key)),
    );
  const filter = () => (typeof where === 'function' ? (where as () => FilterQuery<T>)() : where);
  const conditions: object[] = [filter() as object];
  if (after) {
    // (k1, k2, …) > (v1, v2, …), written out so PostgreSQL can use the sort index.
    conditions.push({
      $or: sortKeys.map((key, i) => ({
        ...Object.fromEntries(sortKeys.slice(0, i).map((prior, j) => [prior, after[j]])),
        [key]: { $gt: after[i] },
      })),
    });
  }
  const orderBy = Object.fromEntries(sortKeys.map((key) => [key, 'asc']));
  const [rows, totalCount] = await Promise.all([
    em.find(entity, { $and: conditions } as never, { orderBy, limit: first + 1 } as never),
    em.count(entity, filter()),
  ]);
  const nodes = (rows as T[]).slice(0, first);
  const last = nodes[nodes.length - 1] as Record<string, unknown> | undefined;
  return {
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: last ? encodePosition(sortKeys.map((key) => sortValueOf(last[key]))) : null,
    },
  };
}
