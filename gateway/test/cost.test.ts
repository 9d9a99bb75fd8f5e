import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { type DocumentNode, parse, specifiedRules, validate } from 'graphql';
import { maxCostRule, operationCosts } from '@jobcenter-hub/service';
import { readGatewayEnv } from '../src/env';

/** The public API the gateway serves, from the committed supergraph. */
const ROOT = join(__dirname, '..', '..');
const schema = Supergraph.build(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();
const LIMIT = readGatewayEnv({}).LIMIT_MAX_COST;

function cost(query: string | DocumentNode): number {
  const document = typeof query === 'string' ? parse(query) : query;
  let costs = new Map<string, number>();
  const errors = validate(schema, document, [
    ...specifiedRules,
    (context) => ({ Document: { leave: () => void (costs = operationCosts(context)) } }),
  ]);
  expect(errors).toEqual([]);
  return [...costs.values()][0]!;
}

const refusal = (query: string) =>
  validate(schema, parse(query), [maxCostRule(LIMIT)]).map((error) => ({ message: error.message, extensions: error.extensions }));

describe('the cost of an operation: the most fields its answer can hold', () => {
  it('lets every saved operation through, and says what each costs', () => {
    const costs: Record<string, number> = {};
    for (const file of readdirSync(join(ROOT, 'operations')))
      costs[file.replace(/\.graphql$/, '')] = cost(readFileSync(join(ROOT, 'operations', file), 'utf8'));
    console.log(`cost of the saved operations (limit ${LIMIT}): ${JSON.stringify(costs)}`);
    for (const [name, value] of Object.entries(costs))
      expect({ name, within: value > 0 && value <= LIMIT }).toEqual({ name, within: true });
  });

  it('counts each field once per object, pages multiplying what is inside them', () => {
    expect(cost('{ organisation(id: "x") { id name } }')).toBe(3);
    // 1 (organisations) + 1 (totalCount) + 1 (nodes) + 10 × 2 (id, name of up to ten)
    expect(cost('{ organisations(first: 10) { totalCount nodes { id name } } }')).toBe(23);
    // Left out, a page holds 20; a variable may ask for 100.
    expect(cost('{ organisations { nodes { id } } }')).toBe(22);
    expect(cost('query ($n: Int) { organisations(first: $n) { nodes { id } } }')).toBe(102);
    // Nested pages multiply.
    const nested = (first: number) => cost(`{ districts(first: ${first}) { nodes { locations(first: ${first}) { nodes { name } } } } }`);
    expect(nested(10)).toBe(1 + 1 + 10 * (1 + 1 + 10));
    expect(nested(100) / nested(10)).toBeGreaterThan(50);
  });

  it('counts a fragment where it is spread, as if written there', () => {
    const inline = cost('{ organisations(first: 5) { nodes { id name units(first: 5) { nodes { id } } } } }');
    const spread = cost(
      'query { organisations(first: 5) { nodes { ...Org } } } fragment Org on Organisation { id name units(first: 5) { nodes { id } } }',
    );
    expect(spread).toBe(inline);
    expect(cost('{ organisations(first: 5) { nodes { __typename id } } }')).toBe(cost('{ organisations(first: 5) { nodes { id } } }'));
  });

  it('refuses three nested pages of a hundred, naming the cost and the limit', () => {
    const query = `query Everything { districts(first: 100) { nodes { locations(first: 100) { nodes { programmes(first: 100) { nodes { id name } } } } } } }`;
    const [error, ...more] = refusal(query);
    expect(more).toEqual([]);
    expect(error!.extensions).toEqual({ cost: cost(query), maxCost: LIMIT });
    expect(error!.message).toMatch(/^Operation Everything could return up to [\d,]+ fields, more than the limit of 1,000,000/);
    expect(refusal(query.replace(/first: 100/g, 'first: 10'))).toEqual([]);
  });
});
