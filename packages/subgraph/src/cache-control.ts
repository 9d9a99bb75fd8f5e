import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  type ConstDirectiveNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  getNamedType,
  isCompositeType,
} from 'graphql';

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

type Scope = 'PUBLIC' | 'PRIVATE';
interface Hint {
  maxAge?: number;
  scope?: Scope;
}
/** A `@cacheControl` directive as written: a hint, or "inherit the parent's maxAge" (with a scope or none). */
interface Annotation extends Hint {
  inheritMaxAge?: true;
}

/** Apollo's `CachePolicy` (the type of `info.cacheControl.cacheHint` and of the request's overall policy), with its methods on the prototype. */
class CachePolicy implements Hint {
  maxAge: number | undefined = undefined;
  scope: Scope | undefined = undefined;

  restrict(hint: Hint): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }

  replace(hint: Hint): void {
    if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined) this.scope = hint.scope;
  }

  policyIfCacheable(): { maxAge: number; scope: Scope } | null {
    if (this.maxAge === undefined || this.maxAge === 0) return null;
    return { maxAge: this.maxAge, scope: this.scope ?? 'PUBLIC' };
  }
}

/** The hint of a `@cacheControl` among `directives`, read as Apollo Server reads it. */
function annotationOf(directives: readonly ConstDirectiveNode[] | undefined): Annotation | undefined {
  const directive = directives?.find((node) => node.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const argument = (name: string) => directive.arguments!.find((node) => node.name.value === name)?.value;
  const maxAge = argument('maxAge');
  const scopeValue = argument('scope');
  const inherit = argument('inheritMaxAge');
  const scope =
    scopeValue?.kind === 'EnumValue' && (scopeValue.value === 'PUBLIC' || scopeValue.value === 'PRIVATE') ? scopeValue.value : undefined;
  if (inherit?.kind === 'BooleanValue' && inherit.value) return { inheritMaxAge: true, scope };
  return { maxAge: maxAge?.kind === 'IntValue' ? parseInt(maxAge.value, 10) : undefined, scope };
}

const typeAnnotations = new WeakMap<GraphQLNamedType, Annotation>();

/** A type's hint (its definition's, else its extensions' first), once per type. */
function typeAnnotation(type: GraphQLCompositeType): Annotation {
  let annotation = typeAnnotations.get(type);
  if (!annotation) {
    annotation = annotationOf(type.astNode?.directives);
    for (const node of type.extensionASTNodes) annotation ??= annotationOf(node.directives);
    annotation ??= {};
    typeAnnotations.set(type, annotation);
  }
  return annotation;
}

/** What the hints say about one field, worked out once per field instead of once per resolved value. */
interface FieldPlan {
  /** The hint of the type it returns, for a field of objects; undefined for a leaf. */
  type: Annotation | undefined;
  field: Annotation;
  /** A non-root leaf without a hint: its policy stays empty unless its resolver sets one. */
  plain: boolean;
}
const fieldPlans = new WeakMap<GraphQLField<unknown, unknown>, FieldPlan>();

function fieldPlan(info: GraphQLResolveInfo): FieldPlan {
  const field = info.parentType.getFields()[info.fieldName]!;
  let plan = fieldPlans.get(field);
  if (!plan) {
    const named = getNamedType(field.type);
    const type = isCompositeType(named) ? typeAnnotation(named) : undefined;
    const annotation = annotationOf(field.astNode?.directives) ?? {};
    plan = { type, field: annotation, plain: type === undefined && Object.values(annotation).every((value) => value === undefined) };
    fieldPlans.set(field, plan);
  }
  return plan;
}

/** `info.cacheControl` as Apollo Server's cache-control plugin gives it to resolvers (answerIsLive, @apollo/subgraph's `_entities`). */
class FieldCacheControl {
  constructor(readonly cacheHint: CachePolicy) {}

  setCacheHint(hint: Hint): void {
    this.cacheHint.replace(hint);
  }

  cacheHintFromType(type: GraphQLCompositeType): Annotation {
    return typeAnnotation(type);
  }
}

/**
 * `info.cacheControl` of a plain leaf (see `FieldPlan.plain`): its policy is made only when its resolver
 * asks for it, and is then counted into the answer's policy at the end (`pending`); untouched, it would
 * have restricted nothing.
 */
class PlainFieldCacheControl {
  private policy: CachePolicy | undefined;

  constructor(private readonly pending: CachePolicy[]) {}

  get cacheHint(): CachePolicy {
    if (!this.policy) {
      this.policy = new CachePolicy();
      this.pending.push(this.policy);
    }
    return this.policy;
  }

  setCacheHint(hint: Hint): void {
    this.cacheHint.replace(hint);
  }

  cacheHintFromType(type: GraphQLCompositeType): Annotation {
    return typeAnnotation(type);
  }
}

const CACHE_CONTROL_HEADER = /^max-age=(\d+), (public|private)$/;

/**
 * Apollo Server's cache-control plugin (`defaultMaxAge: 0`, `calculateHttpHeaders: true`), the same
 * policy and header, at less cost per resolved field: what a field's hints are is worked out once per
 * field of the schema (Apollo asks an LRU cache and walks the type for every value), and a leaf without
 * a hint gets no policy and no end-of-field callback unless its resolver sets a hint. Restricting is
 * order-free (the smallest maxAge, PRIVATE if any), so counting such a leaf's hint at the end is the same.
 */
function cachePolicyPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart(requestContext) {
      const pending: CachePolicy[] = [];
      return {
        async executionDidStart() {
          const overall = requestContext.overallCachePolicy;
          if (overall.maxAge !== undefined || overall.scope !== undefined) {
            // Already decided before execution (a mutation): hints set by resolvers change nothing.
            const ignored = new FieldCacheControl(new CachePolicy());
            return {
              willResolveField({ info }) {
                (info as { cacheControl?: unknown }).cacheControl = ignored;
              },
            };
          }
          return {
            willResolveField({ info }) {
              const plan = fieldPlan(info);
              const root = !info.path.prev;
              if (plan.plain && !root) {
                (info as { cacheControl?: unknown }).cacheControl = new PlainFieldCacheControl(pending);
                return;
              }
              const policy = new CachePolicy();
              let inheritMaxAge = false;
              if (plan.type) {
                policy.replace(plan.type);
                inheritMaxAge = !!plan.type.inheritMaxAge;
              }
              if (plan.field.inheritMaxAge && policy.maxAge === undefined) {
                inheritMaxAge = true;
                if (plan.field.scope) policy.replace({ scope: plan.field.scope });
              } else {
                policy.replace(plan.field);
              }
              (info as { cacheControl?: unknown }).cacheControl = new FieldCacheControl(policy);
              return () => {
                if (policy.maxAge === undefined && ((plan.type && !inheritMaxAge) || root)) policy.restrict({ maxAge: 0 });
                overall.restrict(policy);
              };
            },
          };
        },
        async willSendResponse({ response, overallCachePolicy }) {
          for (const policy of pending) overallCachePolicy.restrict(policy);
          const existing = response.http.headers.get('cache-control');
          const parsed = existing ? CACHE_CONTROL_HEADER.exec(existing) : null;
          // A header someone else set and this cannot read stays as it is.
          if (existing && existing !== 'no-store' && !parsed) return;
          const policy = new CachePolicy();
          policy.replace(overallCachePolicy);
          if (parsed) policy.restrict({ maxAge: Number(parsed[1]), scope: parsed[2] === 'public' ? 'PUBLIC' : 'PRIVATE' });
          const cacheable = policy.policyIfCacheable();
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (cacheable && existing !== 'no-store' && single && !single.errors) {
            response.http.headers.set('cache-control', `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}`);
          } else {
            response.http.headers.set('cache-control', 'no-store');
          }
        },
      };
    },
  };
}

/**
 * Cache policy of a service's answers: the hints above, and nothing a mutation answers is cacheable
 * (its fields are the types' fields, which carry reference hints).
 */
export function createCachePolicyPlugins<TContext extends BaseContext>(): ApolloServerPlugin<TContext>[] {
  return [
    // Apollo Server would add its own cache-control plugin; this one replaces it (same policy, cheaper per field).
    ApolloServerPluginCacheControlDisabled(),
    cachePolicyPlugin<TContext>(),
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
