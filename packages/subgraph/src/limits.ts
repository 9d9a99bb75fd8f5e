import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type ASTNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/**
 * A subgraph's own limits, so that a caller who has the gateway's secret (or any caller when none is
 * configured in development) still cannot ask for an unbounded answer. They sit above what the
 * gateway's plans need: the gateway's own limits (gateway/src/limits.ts) are the ones clients meet.
 */
export interface SubgraphLimits {
  /** Deepest field nesting (the gateway allows 12; its `_entities` calls add one). */
  maxDepth: number;
  /** Aliases in one operation (the gateway's plans add some of their own). */
  maxAliases: number;
  /** Tokens of the document (the gateway's plans spell fragments out, so they are longer than the client's). */
  maxTokens: number;
  /** Representations in one `_entities` call. */
  maxRepresentations: number;
  /**
   * The most fields an answer may hold (`maxCostRule` of @jobcenter-hub/service, the gateway's model:
   * pages multiplied). `_entities` counts as a list of LIST_SIZE (10) whatever the representations, so a
   * plan's fetch below one entity can cost up to ten times what the gateway counted for it: the default
   * is ten times the gateway's `LIMIT_MAX_COST`, and still refuses connections of 100 nested three deep.
   */
  maxCost: number;
}

function refuse(context: ValidationContext, message: string, node: ASTNode): void {
  context.reportError(new GraphQLError(message, { nodes: [node] }));
}

/** Walks each operation's selections (fragments followed, each at most once per path), calling `visit` for each field with its depth. */
function walkOperations(context: ValidationContext, visit: (field: { alias?: string; node: ASTNode }, depth: number) => void): void {
  const walk = (selectionSet: SelectionSetNode, depth: number, spreading: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        visit({ alias: selection.alias?.value, node: selection }, depth);
        if (selection.selectionSet) walk(selection.selectionSet, depth + 1, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth, spreading);
      } else {
        const name = selection.name.value;
        const fragment = context.getFragment(name);
        if (fragment && !spreading.has(name)) walk(fragment.selectionSet, depth, new Set([...spreading, name]));
      }
    }
  };
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, 1, new Set());
  }
}

/** Refuses an operation nested deeper than `max` fields or holding more than `maxAliases` aliases (GRAPHQL_VALIDATION_FAILED). */
export function subgraphShapeRule(limits: Pick<SubgraphLimits, 'maxDepth' | 'maxAliases'>): ValidationRule {
  return (context) => {
    let deepest = 0;
    let aliases = 0;
    walkOperations(context, (field, depth) => {
      deepest = Math.max(deepest, depth);
      if (field.alias !== undefined) aliases += 1;
    });
    const document = context.getDocument();
    if (deepest > limits.maxDepth)
      refuse(context, `Syntax Error: Query depth limit of ${limits.maxDepth} exceeded, found ${deepest}.`, document);
    if (aliases > limits.maxAliases)
      refuse(context, `Syntax Error: Aliases limit of ${limits.maxAliases} exceeded, found ${aliases}.`, document);
    return {};
  };
}

function listLength(value: ValueNode, variables: Record<string, unknown> | undefined): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const given = variables?.[value.name.value];
    return Array.isArray(given) ? given.length : given === undefined || given === null ? 0 : 1;
  }
  return 1;
}

/**
 * Refuses an `_entities` call with more than `max` representations: HTTP 400 with BAD_USER_INPUT,
 * before any resolver runs.
 */
export function representationLimitPlugin<TContext extends BaseContext>(max: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          const fragments = new Map(
            document.definitions.flatMap((definition) =>
              definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
            ),
          );
          // Root fields only (`_entities` is a field of Query), through fragments too; each fragment once per path.
          const count = (selectionSet: SelectionSetNode, spreading: ReadonlySet<string>): number =>
            selectionSet.selections.reduce((total, selection) => {
              if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet, spreading);
              if (selection.kind === Kind.FRAGMENT_SPREAD) {
                const name = selection.name.value;
                const fragment = fragments.get(name);
                return fragment && !spreading.has(name) ? total + count(fragment.selectionSet, new Set([...spreading, name])) : total;
              }
              if (selection.name.value !== '_entities') return total;
              const argument = selection.arguments?.find((arg) => arg.name.value === 'representations');
              return total + (argument ? listLength(argument.value, request.variables) : 0);
            }, 0);
          const representations = operation ? count(operation.selectionSet, new Set()) : 0;
          if (representations > max) {
            throw new GraphQLError(`_entities takes at most ${max} representations per call, got ${representations}`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
