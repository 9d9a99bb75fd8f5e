import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { GraphQLResolveInfo } from 'graphql';

/**
 * Apollo's `@cacheControl` directive, defined in every subgraph's SDL (the federation bridge adds it).
 * The scope enum is `@inaccessible`: it is needed only to write the hints, not by clients.
 */
export const CACHE_CONTROL_SDL =
  'enum CacheControlScope @inaccessible { PUBLIC PRIVATE }\n' +
  'directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION';

/** How long reference data may be served from a cache, in seconds. */
export const REFERENCE_MAX_AGE = 300;
/** How long answers that change with the clock or with every booking may be served from a cache. */
export const LIVE_MAX_AGE = 30;

/**
 * The hub's cache hints, for type-graphql's `@Directive(…)` on a type or field. Apollo Server turns the
 * hints of the fields a request touches into its `Cache-Control` header (the smallest maxAge, PRIVATE if
 * any is); a field returning a type without a hint, and every root field without one, counts as
 * maxAge 0 — so a type or field someone forgets is never cached.
 */
export const cacheHint = {
  /** Organisations, units, sites, districts, partners, programmes: change a few times a day at most. */
  reference: `@cacheControl(maxAge: ${REFERENCE_MAX_AGE})`,
  /** Computed from the clock (is it open now?) or changed by every booking (free places). */
  live: `@cacheControl(maxAge: ${LIVE_MAX_AGE})`,
  /** A value that is part of its parent (schedules, stops, page info): as long as the parent. */
  part: '@cacheControl(inheritMaxAge: true)',
  /** Only for signed-in callers (liaisons, participation figures, places taken): never in a shared cache. */
  private: '@cacheControl(scope: PRIVATE)',
  /** Audit trails: admins only, and always fresh. */
  never: '@cacheControl(maxAge: 0, scope: PRIVATE)',
} as const;

/** For a field whose answer depends on the clock (an `openNow` filter): at most LIVE_MAX_AGE in a cache. */
export function answerIsLive(info: GraphQLResolveInfo): void {
  // Apollo Server's cache-control plugin puts `cacheControl` on `info`; `restrict` keeps the smaller maxAge.
  (info as { cacheControl?: { cacheHint: { restrict(hint: { maxAge: number }): void } } }).cacheControl?.cacheHint.restrict({
    maxAge: LIVE_MAX_AGE,
  });
}

/**
 * Cache policy of a service's answers: the hints above, and nothing a mutation answers is cacheable
 * (its fields are the types' fields, which carry reference hints).
 */
export function createCachePolicyPlugins<TContext extends BaseContext>(): ApolloServerPlugin<TContext>[] {
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true }),
    {
      async requestDidStart() {
        return {
          async didResolveOperation({ operation, overallCachePolicy }) {
            if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
          },
        };
      },
    },
  ];
}
