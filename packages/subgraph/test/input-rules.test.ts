import { ANONYMOUS, type Caller } from '@jobcenter-hub/service';
import { Length } from 'class-validator';
import { type ExecutionResult, graphql, type GraphQLSchema } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Arg, Args, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { buildFederatedSchema } from '../src/federation';
import { createConnectionType, type Page, PageArgs, paginateArray } from '../src/pagination';

// The input rules of the federation bridge on a schema of its own: they hold for any field a subgraph
// declares, without the subgraph doing anything.

@ObjectType()
class Thing {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}
const ThingConnection = createConnectionType('RuleThing', Thing);
const OtherConnection = createConnectionType('RuleOther', Thing);

@InputType()
class PartInput {
  @Field(() => [String])
  labels!: string[];
}

@InputType()
class ThingInput {
  @Field(() => String)
  name!: string;

  @Length(1, 3000)
  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => [PartInput], { nullable: true })
  parts?: PartInput[];
}

const THINGS = Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, name: `Thing ${i}` }));
let resolved = 0;

@Resolver()
class RuleResolver {
  @Query(() => ThingConnection)
  things(@Args(() => PageArgs) page: PageArgs): Page<Thing> {
    resolved += 1;
    return paginateArray(THINGS, page, (thing) => [thing.name, thing.id]);
  }

  @Query(() => OtherConnection)
  others(@Args(() => PageArgs) page: PageArgs): Page<Thing> {
    return paginateArray(THINGS, page, (thing) => [thing.name, thing.id]);
  }

  @Query(() => Boolean)
  echo(@Arg('text', () => String) text: string, @Arg('at', () => GraphQLDateTimeISO, { nullable: true }) at?: Date): boolean {
    resolved += 1;
    return text.length > 0 && (at === undefined || at instanceof Date);
  }

  @Mutation(() => Thing)
  addThing(@Arg('input', () => ThingInput) input: ThingInput): Thing {
    resolved += 1;
    return { id: 'new', name: input.name };
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildFederatedSchema<{ caller: Caller }>({ resolvers: [RuleResolver], validate: true }, {});
});
beforeEach(() => {
  resolved = 0;
});

const run = (source: string, variableValues: Record<string, unknown> = {}, caller: Caller = ANONYMOUS): Promise<ExecutionResult> =>
  Promise.resolve(graphql({ schema, source, variableValues, contextValue: { caller } }));
// An admin: the check that a writer's organisation is in the hub (which asks `references`, absent from this
// bare context) exempts admins; it is tested against the real organisations subgraph in subgraphs/organisations/test.
const editor: Caller = { kind: 'user', subject: 'e', organisationId: 'o', roles: new Set(['editor', 'admin']) };
const refusal = (result: ExecutionResult) => result.errors?.map((error) => [error.extensions.code, error.extensions.argument]);

describe('texts', () => {
  it.each([
    ['a NUL in an argument', `query ($v: String!) { echo(text: $v) }`, { v: 'a\u0000' }, 'text'],
    ['an argument over 1000 characters', `query ($v: String!) { echo(text: $v) }`, { v: 'x'.repeat(1001) }, 'text'],
    [
      'a NUL in a list in a list of inputs',
      `mutation ($i: ThingInput!) { addThing(input: $i) { id } }`,
      { i: { name: 'n', parts: [{ labels: ['a'] }, { labels: ['b', 'c\u0000'] }] } },
      'input.parts.1.labels.1',
    ],
    [
      'a description over the 3000 its @Length allows',
      `mutation ($i: ThingInput!) { addThing(input: $i) { id } }`,
      { i: { name: 'n', description: 'x'.repeat(3001) } },
      'input.description',
    ],
  ])('%s is BAD_USER_INPUT naming its path, and the resolver never runs', async (_what, source, variables, path) => {
    const result = await run(source, variables, editor);
    expect(refusal(result)).toEqual([['BAD_USER_INPUT', path]]);
    expect(resolved).toBe(0);
  });

  it('a field whose @Length allows more than the default takes it', async () => {
    const result = await run(
      `mutation ($i: ThingInput!) { addThing(input: $i) { id } }`,
      { i: { name: 'n', description: 'x'.repeat(2500) } },
      editor,
    );
    expect(result.errors).toBeUndefined();
  });
});

describe('date-times', () => {
  it.each(['0000-01-01T00:00:00Z', '2101-01-01T00:00:00Z'])('%s is BAD_USER_INPUT', async (at) => {
    expect(refusal(await run(`query ($at: DateTimeISO) { echo(text: "a", at: $at) }`, { at }))).toEqual([['BAD_USER_INPUT', 'at']]);
  });

  it('a date-time in range passes', async () => {
    expect((await run(`{ echo(text: "a", at: "2026-11-26T09:00:00Z") }`)).data).toEqual({ echo: true });
  });
});

describe('mutations', () => {
  it('an anonymous caller is UNAUTHENTICATED before the input is looked at', async () => {
    const result = await run(`mutation ($i: ThingInput!) { addThing(input: $i) { id } }`, { i: { name: '\u0000', description: '' } });
    expect(refusal(result)).toEqual([['UNAUTHENTICATED', undefined]]);
    expect(resolved).toBe(0);
  });
});

describe('cursors', () => {
  const PAGE = `query ($after: String) { things(first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }`;
  type Things = { things: { nodes: { id: string }[]; pageInfo: { endCursor: string } } };

  it('a page hands out a cursor of its own list, which pages on', async () => {
    const first = (await run(PAGE)).data as Things;
    const next = (await run(PAGE, { after: first.things.pageInfo.endCursor })).data as Things;
    expect(next.things.nodes.map((node) => node.id)).toEqual(['t2', 't3']);
  });

  it('the cursor of another list with the same order is refused', async () => {
    const others = (await run(`{ others(first: 2) { pageInfo { endCursor } } }`)).data as { others: { pageInfo: { endCursor: string } } };
    const result = await run(PAGE, { after: others.others.pageInfo.endCursor });
    expect(refusal(result)).toEqual([['BAD_USER_INPUT', 'after']]);
    expect(resolved).toBe(0);
  });

  it('a bare position (what resolvers see inside) is refused from a client', async () => {
    expect(refusal(await run(PAGE, { after: JSON.stringify(['Thing 1', 't1']) }))).toEqual([['BAD_USER_INPUT', 'after']]);
  });
});

describe('an empty after', () => {
  it('still asks for the first page', async () => {
    const result = await run(`{ things(first: 1, after: "") { nodes { id } } }`);
    expect(result.data).toEqual({ things: { nodes: [{ id: 't0' }] } });
  });
});
