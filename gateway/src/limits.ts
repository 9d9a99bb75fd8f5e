import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { maxCostRule } from '@jobcenter-hub/service';

/** What one request may ask for; every number is configurable (`LIMIT_*` in env.ts and gateway/.env.example). */
export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  /** Hide "did you mean …?" hints that reveal the schema (on in production). */
  blockFieldSuggestions: boolean;
}

/** The fields at the top of a selection (`__typename` and other meta fields aside), through fragment spreads and inline fragments. */
function countRootFields(context: ValidationContext, selectionSet: SelectionSetNode, seen: ReadonlySet<string> = new Set()): number {
  return selectionSet.selections.reduce((total, selection) => {
    if (selection.kind === Kind.FIELD) return total + (selection.name.value.startsWith('__') ? 0 : 1);
    if (selection.kind === Kind.INLINE_FRAGMENT) return total + countRootFields(context, selection.selectionSet, seen);
    const name = selection.name.value;
    const fragment = context.getFragment(name);
    if (!fragment || seen.has(name)) return total;
    return total + countRootFields(context, fragment.selectionSet, new Set([...seen, name]));
  }, 0);
}

/** Counts the fields at the top of each operation, following fragment spreads and inline fragments. */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const fields = countRootFields(context, operation.selectionSet);
      if (fields > max) {
        context.reportError(
          new GraphQLError(`Syntax Error: Query root fields limit of ${max} exceeded, found ${fields}.`, { nodes: [operation] }),
        );
      }
    },
  });
}

/**
 * A mutation operation may hold one root field (`__typename` aside). Mutations run one after another and
 * each commits on its own: with several, a later field's error makes the answer `data: null` and hides
 * the writes the earlier ones committed. Refused before anything runs (GRAPHQL_VALIDATION_FAILED);
 * send each mutation in its own request (docs/security.md).
 */
export const singleMutationFieldRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation !== 'mutation') return;
    const fields = countRootFields(context, operation.selectionSet);
    if (fields > 1) {
      context.reportError(
        new GraphQLError(
          `A mutation operation may hold only one mutation field, found ${fields}: each commits on its own, so send each in its own request.`,
          { nodes: [operation] },
        ),
      );
    }
  },
});

/**
 * Parser options, validation rules and plugins against hostile operations: the parser's own token
 * limit; graphql-armor for depth, aliases, directives and field suggestions; our own rules for root
 * fields, one field per mutation, and cost (packages/service cost.ts). They run before any plan is made or subgraph is
 * called; a refused operation gets HTTP 400 and GRAPHQL_VALIDATION_FAILED.
 */
export function createRequestProtection(limits: RequestLimits) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    // Every alias counts, `__typename` ones too (armor lets those through by default).
    maxAliases: { n: limits.maxAliases, allowList: [] },
    // Tokens are counted by graphql-js's parser itself (parseOptions below): armor's check answers 500.
    maxTokens: { enabled: false },
    // Cost is our own model (packages/service cost.ts: the most fields an answer can hold, pages multiplied), not armor's.
    costLimit: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return {
    plugins: armor.plugins,
    validationRules: [
      ...armor.validationRules,
      maxRootFieldsRule(limits.maxRootFields),
      singleMutationFieldRule,
      maxCostRule(limits.maxCost),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
