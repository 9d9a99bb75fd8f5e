import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLResolveInfo, parse } from 'graphql';
import { answerIsLive, CACHE_CONTROL_SDL, createCachePolicyPlugins } from '../src/cache-control';

/** A schema with every kind of hint the hub writes: on types, on fields, inherited, private, set by resolvers. */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])
  ${CACHE_CONTROL_SDL}
  type Query {
    site(id: ID!): Site
    sites: [Site!]!
    liveSite: Site @cacheControl(maxAge: 30)
    count: Int
    hinted: Int @cacheControl(maxAge: 60)
    secret: String @cacheControl(scope: PRIVATE)
    inherited: Site @cacheControl(inheritMaxAge: true)
  }
  type Mutation { touch: Site }
  interface Named @cacheControl(maxAge: 120) { name: String }
  type Site implements Named @key(fields: "id") @cacheControl(maxAge: 300) {
    id: ID!
    name: String
    openNow: Boolean
    private: String @cacheControl(scope: PRIVATE)
    replaced: String
    schedule: Schedule
    stops: [Stop!]!
    untyped: Untyped
    parentOnly: Untyped @cacheControl(inheritMaxAge: true)
    parentOnlyPrivate: Untyped @cacheControl(inheritMaxAge: true, scope: PRIVATE)
    never: String @cacheControl(maxAge: 0, scope: PRIVATE)
    failing: String
    named: Named
    nothing: Site
  }
  type Schedule @cacheControl(inheritMaxAge: true) { text: String, isOpen: Boolean }
  type Stop @cacheControl(maxAge: 600) { name: String }
  type Untyped { text: String }
`);

const site = (id: string) => ({ id, name: `Site ${id}` });
const live = (_: unknown, __: unknown, ___: unknown, info: GraphQLResolveInfo) => {
  answerIsLive(info);
  return true;
};
const resolvers = {
  Query: {
    site: (_: unknown, { id }: { id: string }) => (id === 'none' ? null : site(id)),
    sites: () => [site('a'), site('b')],
    liveSite: () => site('live'),
    count: () => 2,
    hinted: () => 3,
    secret: () => 'psst',
    inherited: () => site('inherited'),
  },
  Mutation: { touch: () => site('touched') },
  Named: { __resolveType: () => 'Site' },
  Site: {
    __resolveReference: ({ id }: { id: string }) => site(id),
    openNow: live,
    private: () => 'private',
    replaced: (_: unknown, __: unknown, ___: unknown, info: GraphQLResolveInfo) => {
      (info as unknown as { cacheControl: { setCacheHint(hint: object): void } }).cacheControl.setCacheHint({
        maxAge: 5,
        scope: 'PRIVATE',
      });
      return 'replaced';
    },
    schedule: () => ({ text: 'Mo-Fr 08:00-12:00' }),
    stops: () => [{ name: 'Hbf' }],
    untyped: () => ({ text: 'x' }),
    parentOnly: () => ({ text: 'y' }),
    parentOnlyPrivate: () => ({ text: 'z' }),
    never: () => 'never',
    failing: () => {
      throw new Error('fails');
    },
    named: (parent: object) => parent,
    nothing: () => null,
  },
  Schedule: { isOpen: live },
};

const OPERATIONS = [
  '{ site(id: "a") { id name } }',
  '{ site(id: "none") { id name } }',
  '{ sites { id name } }',
  '{ count }',
  '{ hinted }',
  '{ count hinted }',
  '{ secret }',
  '{ __typename }',
  '{ site(id: "a") { __typename } }',
  '{ liveSite { name } }',
  '{ site(id: "a") { openNow } }',
  '{ sites { name openNow } }',
  '{ site(id: "a") { private } }',
  '{ site(id: "a") { replaced } }',
  '{ site(id: "a") { schedule { text } } }',
  '{ site(id: "a") { schedule { text isOpen } } }',
  '{ site(id: "a") { stops { name } } }',
  '{ site(id: "a") { untyped { text } } }',
  '{ site(id: "a") { parentOnly { text } } }',
  '{ site(id: "a") { parentOnlyPrivate { text } } }',
  '{ site(id: "a") { never } }',
  '{ site(id: "a") { failing } }',
  '{ site(id: "a") { named { name } } }',
  '{ site(id: "a") { nothing { name } } }',
  '{ site(id: "a") { nothing { name openNow } } }',
  '{ inherited { name } }',
  '{ site(id: "a") { name ... on Named { name } } }',
  'mutation { touch { name } }',
  'mutation { touch { name openNow } }',
  '{ _entities(representations: [{ __typename: "Site", id: "a" }]) { ... on Site { name } } }',
  '{ _entities(representations: [{ __typename: "Site", id: "a" }]) { ... on Site { name openNow schedule { isOpen } } } }',
  '{ _entities(representations: [{ __typename: "Site", id: "a" }]) { ... on Site { private stops { name } } } }',
  '{ _service { sdl } }',
  '{ site(id: "a") { id } sites { stops { name } } hinted }',
];

describe('the cache policy plugin', () => {
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
  // Apollo Server's own plugin, with the hub's rule for mutations, against the hub's replacement of it.
  const apollo = new ApolloServer({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true }),
      ...createCachePolicyPlugins().slice(2),
    ],
  });
  const hub = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled(), ...createCachePolicyPlugins()] });

  beforeAll(async () => {
    await Promise.all([apollo.start(), hub.start()]);
  });
  afterAll(async () => {
    await Promise.all([apollo.stop(), hub.stop()]);
  });

  it.each(OPERATIONS)('answers %s with the Cache-Control Apollo Server gives', async (query) => {
    const header = async (server: ApolloServer) => {
      const response = await server.executeOperation({ query });
      return { header: response.http.headers.get('cache-control'), body: response.body };
    };
    const [expected, actual] = [await header(apollo), await header(hub)];
    expect(actual).toEqual(expected);
  });

  it('gives the expected headers for a few, so the comparison above compares something', async () => {
    const header = async (query: string) => (await hub.executeOperation({ query })).http.headers.get('cache-control');
    expect(await header('{ sites { id name } }')).toBe('max-age=300, public');
    expect(await header('{ sites { name openNow } }')).toBe('max-age=30, public');
    expect(await header('{ site(id: "a") { private } }')).toBe('max-age=300, private');
    expect(await header('{ site(id: "a") { replaced } }')).toBe('max-age=5, private');
    expect(await header('{ count }')).toBe('no-store');
    expect(await header('mutation { touch { name } }')).toBe('no-store');
  });
});
