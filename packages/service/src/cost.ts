import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size';

/**
 * How many fields an operation's answer can hold at most — the measure of its cost to every subgraph
 * and to the gateway, known before anything runs. Each field counts once per object it can appear in:
 *
 * * a list field with a page size (`first`, `last`, `limit`) multiplies what is below it by that size —
 *   the literal in the document; left out, the argument's default in the schema, else the hub's default
 *   page (`DEFAULT_PAGE_SIZE`); a variable counts as the largest page the subgraphs give (`MAX_PAGE_SIZE`);
 * * a field with `first` that returns a connection object passes its page size to the lists inside it
 *   (`nodes`, `edges`);
 * * any other list of objects multiplies by LIST_SIZE (short value lists: entrances, stops, hours);
 * * fragments count where they are spread; `__typename` is free.
 *
 * A query that nests connections of a hundred inside each other costs millions and is refused
 * (the gateway's `LIMIT_MAX_COST`, each subgraph's `SUBGRAPH_MAX_COST`) before anything runs; gateway/test/cost.test.ts prints what each saved
 * operation costs.
 */
export const LIST_SIZE = 10;
const PAGE_ARGUMENTS = ['first', 'last', 'limit'];

function pageSize(field: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined {
  for (const name of PAGE_ARGUMENTS) {
    const argument = definition.args.find((arg) => arg.name === name);
    if (!argument) continue;
    const given: ValueNode | undefined = field.arguments?.find((arg) => arg.name.value === name)?.value;
    if (given?.kind === Kind.INT) return Math.max(0, Number(given.value));
    if (given?.kind === Kind.VARIABLE) return MAX_PAGE_SIZE;
    if (typeof argument.defaultValue === 'number') return argument.defaultValue;
    return DEFAULT_PAGE_SIZE;
  }
  return undefined;
}

/** The cost of a selection set on `type`, each field counted `times` times; `page` is the enclosing connection's size. */
function selectionCost(
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  times: number,
  page: number | undefined,
  fragments: (name: string) => FragmentDefinitionNode | undefined,
  typeNamed: (name: string) => GraphQLNamedType | undefined,
  spreading: ReadonlySet<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const definition = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
      total += times;
      if (!definition || !selection.selectionSet) continue;
      const own = pageSize(selection, definition);
      const list = isListType(getNullableType(definition.type));
      const factor = list ? (own ?? page ?? LIST_SIZE) : 1;
      // A connection object passes its page size on to its lists; a list's items start afresh.
      const inner = list ? undefined : (own ?? undefined);
      total += selectionCost(selection.selectionSet, getNamedType(definition.type), times * factor, inner, fragments, typeNamed, spreading);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : type;
      if (on) total += selectionCost(selection.selectionSet, on, times, page, fragments, typeNamed, spreading);
    } else {
      const name = selection.name.value;
      const fragment = fragments(name);
      const on = fragment && typeNamed(fragment.typeCondition.name.value);
      if (!fragment || !on || spreading.has(name)) continue; // unknown or cyclic: other rules report it
      total += selectionCost(fragment.selectionSet, on, times, page, fragments, typeNamed, new Set([...spreading, name]));
    }
    if (total > Number.MAX_SAFE_INTEGER / 2) return total;
  }
  return total;
}

/** The cost of each operation in the document, by operation name ('' for an anonymous one). */
export function operationCosts(context: Parameters<ValidationRule>[0]): Map<string, number> {
  const schema = context.getSchema();
  const costs = new Map<string, number>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema.getRootType(definition.operation);
    if (!root) continue;
    const cost = selectionCost(
      definition.selectionSet,
      root,
      1,
      undefined,
      (name) => context.getFragment(name) ?? undefined,
      (name) => {
        const type = schema.getType(name);
        return type && isCompositeType(type) ? type : undefined;
      },
      new Set(),
    );
    costs.set(definition.name?.value ?? '', cost);
  }
  return costs;
}

/** Refuses an operation whose answer could hold more than `max` fields (see above). */
export function maxCostRule(max: number): ValidationRule {
  return (context) => ({
    Document: {
      leave() {
        for (const [name, cost] of operationCosts(context)) {
          if (cost <= max) continue;
          context.reportError(
            new GraphQLError(
              `Operation${name ? ` ${name}` : ''} could return up to ${cost.toLocaleString('en')} fields, more than the limit of ${max.toLocaleString('en')}: ask for smaller pages (first:) or fewer nested lists.`,
              { extensions: { cost, maxCost: max } },
            ),
          );
        }
      },
    },
  });
}
