import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getVariableValues, GraphQLError, type GraphQLSchema, isScalarType, type ValidationRule, valueFromASTUntyped } from 'graphql';
import { GraphQLDateTimeISO, GraphQLJSONObject } from 'graphql-scalars';
import { shortenClientText } from './errors';

/**
 * Checks of the client's operation and values that a schema built from the supergraph does not make by
 * itself. Each refusal is a client error (400) before any plan is made or subgraph is called.
 */

/**
 * A number literal beyond what a double holds (`1e309`) parses to Infinity, which graphql-js's Float
 * accepts and JSON cannot carry: refused here, like any other value of the wrong type.
 */
export const finiteNumbersRule: ValidationRule = (context) => ({
  FloatValue(node) {
    if (!Number.isFinite(Number(node.value)))
      context.reportError(new GraphQLError(`Float cannot represent ${shortenClientText(node.value)}: out of range.`, { nodes: [node] }));
  },
});

/**
 * The supergraph names its custom scalars but not how to read them, so the gateway's schema would take
 * any value and leave the subgraph to refuse it (a failed subgraph call). The subgraphs read these with
 * graphql-scalars (type-graphql's `DateTimeISO` is graphql-scalars' own).
 */
const CUSTOM_SCALARS = [GraphQLDateTimeISO, GraphQLJSONObject];

/**
 * Gives the custom scalars of the gateway's schema the subgraphs' checks, so that graphql-js's own
 * validation (literals) and variable coercion refuse an invalid value with the scalar's reason. Only the
 * check: the value still goes to the subgraph as the client wrote it. Mutates `schema` in place (called
 * from `onSchemaLoadOrUpdate`, for each supergraph the gateway switches to).
 */
export function checkCustomScalars(schema: GraphQLSchema): void {
  for (const checked of CUSTOM_SCALARS) {
    const type = schema.getType(checked.name);
    if (!isScalarType(type)) continue;
    type.parseValue = (value) => {
      checked.parseValue(value);
      return value;
    };
    type.parseLiteral = (node, variables) => {
      checked.parseLiteral(node, variables);
      return valueFromASTUntyped(node, variables);
    };
  }
}

const clientError = (message: string, code: 'BAD_REQUEST' | 'BAD_USER_INPUT') =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * Two checks once the operation is known: that the document holds it (an unknown `operationName`, or
 * several operations and none named: 400 BAD_REQUEST, which the response cache and the gateway would
 * otherwise trip over), and that the variables fit their declared types (400 BAD_USER_INPUT with
 * graphql-js's reason, as Apollo Server answers for a schema of its own; the gateway would answer it
 * without a code).
 */
export function operationChecksPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          if (!operation) {
            throw clientError(
              request.operationName
                ? `Unknown operation named "${shortenClientText(request.operationName)}".`
                : 'Must provide operation name if query contains multiple operations.',
              'BAD_REQUEST',
            );
          }
          const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          if (errors?.length) throw clientError(errors[0]!.message, 'BAD_USER_INPUT');
        },
      };
    },
  };
}
