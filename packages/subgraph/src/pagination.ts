import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { ArgsType, type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { cacheHint } from './cache-control';
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

const encodeCursor = (values: SortValue[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

function decodeCursor(cursor: string, arity: number | undefined): SortValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      (arity === undefined || values.length === arity) &&
      values.every((v) => v === null || ['string', 'number'].includes(typeof v))
    ) {
      return values as SortValue[];
    }
  } catch {
    // fall through to the coded error
  }
  throw badUserInput('after', 'is not a cursor of this list; pass the endCursor of the previous page');
}

/** Checks `first`/`after` before any query runs (`sortKeys`: the cursor's arity, when known). */
export function readPageArgs(page: PageArgs | undefined, sortKeys: number | undefined): { first: number; after: SortValue[] | null } {
  const first = page?.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { first, after: page?.after ? decodeCursor(page.after, sortKeys) : null };
}

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
  const { first, after } = readPageArgs(page, items.length > 0 ? sortKey(items[0]!).length : undefined);
  const sorted = [...items].sort((a, b) => compare(sortKey(a), sortKey(b)));
  const start = after ? sorted.findIndex((item) => compare(sortKey(item), after) > 0) : 0;
  const rest = start < 0 ? [] : sorted.slice(start);
  const nodes = rest.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount: items.length,
    pageInfo: { hasNextPage: rest.length > first, endCursor: last ? encodeCursor(sortKey(last)) : null },
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
      endCursor: last ? encodeCursor(sortKeys.map((key) => (last[key] ?? null) as SortValue)) : null,
    },
  };
}
