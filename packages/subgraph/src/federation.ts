import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
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
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers<TContext>,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
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
