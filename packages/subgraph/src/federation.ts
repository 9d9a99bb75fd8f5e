import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { getMetadataStorage, validateOrReject, type ValidatorOptions } from 'class-validator';
import { type GraphQLSchema, parse } from 'graphql';
import { ArgumentValidationError, type BuildSchemaOptions, buildSchema, createResolversMap, type ValidatorFn } from 'type-graphql';
import { CACHE_CONTROL_SDL } from './cache-control';
import { isPlausibleReferenceId } from './checks';
import { guardResolvers } from './input-rules';

/** The one Federation version every subgraph of the hub speaks. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/** `__resolveReference` per entity type: receives the representation `{ __typename, id }`. */
export type ReferenceResolvers<TContext> = Record<
  string,
  { __resolveReference: (reference: { id: string }, context: TContext) => unknown }
>;

/**
 * The single bridge from type-graphql to Apollo Federation: builds the type-graphql schema, prints it
 * with its directives (`@key`, `@cacheControl` …) under the federation `@link` and the cache-control
 * definitions, and hands SDL plus resolvers to
 * `buildSubgraphSchema`. Reference resolvers are merged into the resolver map *before* that call:
 * wrapping or mapping the schema afterwards would silently drop them. Every field with arguments is
 * guarded by the input rules (`guardResolvers`: sign-in for mutations, texts, date-times, cursors), and
 * a reference whose id no record can have resolves to null.
 */
export async function buildFederatedSchema<TContext>(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'validateFn'>,
  referenceResolvers: ReferenceResolvers<TContext>,
): Promise<GraphQLSchema> {
  const { validate, ...rest } = options;
  const schema = await buildSchema({
    ...rest,
    ...(validate ? { validateFn: createArgumentValidator(validate === true ? {} : validate) } : { validate: false }),
    skipCheck: true,
  });
  const resolvers = guardResolvers(schema, createResolversMap(schema) as Record<string, Record<string, unknown>>);
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    if (!schema.getType(typeName)) {
      throw new Error(`reference resolver for ${typeName}, but the schema has no such type (missing from orphanedTypes?)`);
    }
    const resolveReference: ReferenceResolvers<TContext>[string]['__resolveReference'] = (representation, context) =>
      isPlausibleReferenceId(representation.id) ? reference.__resolveReference(representation, context) : null;
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolveReference };
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${CACHE_CONTROL_SDL}\n\n${printSchemaWithDirectives(schema)}`);
  // The resolver map type of @apollo/subgraph is stricter than type-graphql's output; the shapes match.
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as unknown as GraphQLResolverMap<unknown> });
}

/**
 * What type-graphql's `validate: true` does with class-validator, for arguments of every field: each
 * argument object (each object of a list) is validated with `options` plus `skipMissingProperties` and
 * without `forbidUnknownValues` (as type-graphql sets them), failures thrown as `ArgumentValidationError`.
 * Two differences, neither visible in an answer: class-validator is imported once, not `require`d per
 * argument (type-graphql's dynamic import resolved the module each time), and an object whose class has
 * no validation rule (page arguments, list filters) is not handed to class-validator at all, which
 * finds nothing to check there — the dashboards' profiles showed type-graphql's validation of those read
 * arguments (two per nested list, per parent) as ~6% of a subgraph's CPU. Classes are looked up once.
 */
function createArgumentValidator(options: ValidatorOptions): ValidatorFn {
  const validatorOptions: ValidatorOptions = {
    ...options,
    skipMissingProperties: options.skipMissingProperties !== false,
    forbidUnknownValues: options.forbidUnknownValues === true,
  };
  const hasRules = new Map<unknown, boolean>();
  const needsValidation = (value: unknown): value is object => {
    if (value === null || typeof value !== 'object') return false;
    // Unknown values are refused only with `forbidUnknownValues`: then every object goes to class-validator.
    if (validatorOptions.forbidUnknownValues) return true;
    const target = value.constructor;
    let rules = hasRules.get(target);
    if (rules === undefined) {
      rules =
        getMetadataStorage().getTargetValidationMetadatas(
          target,
          '',
          validatorOptions.always ?? false,
          validatorOptions.strictGroups ?? false,
          validatorOptions.groups,
        ).length > 0;
      hasRules.set(target, rules);
    }
    return rules;
  };
  return async (value: unknown) => {
    const objects = Array.isArray(value) ? value.filter(needsValidation) : needsValidation(value) ? [value] : [];
    if (objects.length === 0) return;
    try {
      await Promise.all(objects.map((object) => validateOrReject(object, validatorOptions)));
    } catch (errors) {
      throw new ArgumentValidationError(errors as never);
    }
  };
}
