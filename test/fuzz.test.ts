import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Client } from 'pg';
import { signDevToken } from '@jobcenter-hub/service';
import { ROOT, startTestHub, type TestHub } from './support/hub';

// Property-based fuzzing of the whole hub over HTTP: every root field and mutation of the supergraph,
// with generated argument values and variable shapes (valid, hostile, wrong types), as anonymous,
// signed-in and admin callers. Asserts: no HTTP 5xx, no INTERNAL_SERVER_ERROR (nor a subgraph failure
// for a client's value), a refused mutation writes nothing, and every service still answers /health.
// Seeded: the seed is printed; FUZZ_SEED=<seed> replays the same cases, FUZZ_RUNS sets their number and
// FUZZ_TIME_MS the time they may take (e.g. a longer hunt: FUZZ_RUNS=3000 FUZZ_TIME_MS=400000).

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_MS ?? 35_000);
const REQUEST_TIMEOUT_MS = 15_000;

const schema = buildSchema(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A value as generated: plain JSON, a number written as raw literal text (`1e309`), or a cursor seen earlier. */
type Value = Json | Raw | Harvested | Value[] | { [key: string]: Value };
class Raw {
  constructor(readonly text: string) {}
}
class Harvested {
  constructor(readonly index: number) {}
}
const raw = (text: string) => new Raw(text);

// Ids of the demo data, so that some generated requests reach real records.
const IDS = [
  'jobcenter-muenster',
  'jobcenter-kreis-recklinghausen',
  'stadt-muenster',
  'kreis-recklinghausen',
  'jcre-zentrale',
  'loc-jcre-zentrale',
  'loc-jcms-nebenstelle-coerde',
  'muenster',
  'muenster-nord',
  'recklinghausen',
  'marl',
];

// Values that pass a field's format check, so that some inputs get past validation to the resolvers.
const PLAUSIBLE: Record<string, string[]> = {
  opens: ['08:00', '13:30'],
  closes: ['12:00', '18:00', '24:00'],
  date: ['2026-12-24', '2026-02-30'],
  since: ['2017-01-01', '1899-12-31'],
  startsOn: ['2027-03-01', '2026-13-01'],
  postcode: ['48143', '45657'],
  officialKey: ['05515000', '05562032'],
  municipalityKey: ['05515000', '0551500'],
  municipalityKeys: ['05515000'],
  postcodes: ['48143'],
  email: ['info@example.org', 'not-an-email'],
  website: ['https://example.org', 'javascript:alert(1)'],
  phone: ['+49 251 123456', '0251/123'],
  entityType: ['Organisation', 'Location', 'Partner'],
  lines: ['S1', '5'],
};

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'a\u0000b',
    '\u0000',
    'jobcenter-muenster\u0000',
    '\ud800',
    '\udfff\ud800',
    "' or 1=1 --",
    '%_\\',
    '😀🏳️‍🌈',
    'Straße Münster',
    '\u202e\u200b',
    'x'.repeat(1001),
    'ä'.repeat(5001),
    'y'.repeat(60_000),
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1e309',
    '-0',
    'null',
    '{"$gt":""}',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const cursor: fc.Arbitrary<Value> = fc.oneof(
  fc.nat().map((index) => new Harvested(index)),
  fc.constantFrom(
    'WzEsMl0',
    'not-a-cursor',
    base64url('["Query.organisations",[1,2]]'),
    base64url('["Query.organisations",["A\u0000","b"]]'),
    base64url('["Query.organisations",[{"$gt":""},"b"]]'),
    base64url('["Query.partnersAuditTrail",["abc"]]'),
    base64url('["Query.programmesAuditTrail",[1e400]]'),
    base64url('["Query.locationsNear",[0.1,"x"]]'),
    base64url('["Query.districts",[null,null]]'),
    base64url('[]'),
  ),
  fc.json().map(base64url),
  hostileString,
);

const dateTime: fc.Arbitrary<Value> = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1899-12-31T23:59:59Z',
    '2100-12-31T23:59:59Z',
    'not a date',
    '2026-02-30T10:00:00Z',
    '2026-11-26T25:00:00Z',
    '2026-11-26T09:00:00+14:00',
    '2026-11-26',
    '+275760-09-13T00:00:00.000Z',
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
);

const wrongType: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom<Value>(raw('1e309'), raw('-1e400'), raw('123456789012345678901234567890')),
  fc.string({ maxLength: 10 }),
  fc.constant([] as Json[]),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.nat({ max: 200 }).map((depth) => {
    let value: Json = 'deep';
    for (let i = 0; i < depth; i += 1) value = { a: value };
    return value;
  }),
);

function scalarValue(type: GraphQLNamedType, argument: string): fc.Arbitrary<Value> {
  switch (type.name) {
    case 'ID':
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...IDS) }, { weight: 2, arbitrary: hostileString });
    case 'String':
      if (argument === 'after') return cursor;
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...(PLAUSIBLE[argument] ?? ['Münster', 'muenster', 'Stadtteilbüro Nord'])) },
        { weight: 2, arbitrary: hostileString },
      );
    case 'Int':
      return fc.oneof(
        fc.integer({ min: -5, max: 120 }),
        fc.integer(),
        fc.constantFrom<Value>(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1.5, raw('99999999999999999999')),
      );
    case 'Float':
      return fc.oneof(
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom<Value>(51.96, 7.63, 0, -0, 5e-324, 1.7976931348623157e308, raw('1e309'), raw('-1e309')),
      );
    case 'Boolean':
      return fc.boolean();
    case 'DateTimeISO':
      return dateTime;
    default:
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
  }
}

/** Values of `type`: mostly of the type, sometimes of another one (the gateway must refuse those as a client's mistake). */
/**
 * A value an input's checks accept more often: of its type, from `PLAUSIBLE` or a name with odd but
 * valid characters, so that some signed-in writes get past validation and reach the database.
 */
function tameValueOf(type: GraphQLInputType, argument: string, depth: number): fc.Arbitrary<Value> {
  const inner = isNonNullType(type) ? (type.ofType as GraphQLInputType) : type;
  if (isListType(inner)) return fc.array(tameValueOf(inner.ofType as GraphQLInputType, argument, depth + 1), { maxLength: 2 });
  if (isEnumType(inner)) return fc.constantFrom(...inner.getValues().map((value) => value.name));
  if (isInputObjectType(inner)) {
    if (depth > 4) return fc.constant(null);
    const fields = Object.values(inner.getFields());
    const record: Record<string, fc.Arbitrary<Value>> = {};
    for (const field of fields) record[field.name] = tameValueOf(field.type, field.name, depth + 1);
    return fc.record(record, {
      requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
    }) as fc.Arbitrary<Value>;
  }
  switch (getNamedType(inner).name) {
    case 'ID':
      return fc.constantFrom(...IDS);
    case 'String':
      return PLAUSIBLE[argument]
        ? fc.constantFrom(...PLAUSIBLE[argument])
        : fc.constantFrom('Stadtteilbüro Nord', 'Café 😀 Ü', "O'Brien & Söhne", 'Straße\ud800', 'a'.repeat(200), '%_\\');
    case 'Int':
      return fc.integer({ min: 0, max: 3 });
    case 'Float':
      return fc.double({ min: -60, max: 60, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    default:
      return dateTime;
  }
}

function valueOf(type: GraphQLInputType, argument: string, depth: number): fc.Arbitrary<Value> {
  const inner = isNonNullType(type) ? (type.ofType as GraphQLInputType) : type;
  let typed: fc.Arbitrary<Value>;
  if (isListType(inner)) {
    const item = valueOf(inner.ofType as GraphQLInputType, argument, depth + 1);
    typed = fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 2, arbitrary: item },
      { weight: 1, arbitrary: fc.array(item, { minLength: 400, maxLength: 600 }) },
    );
  } else if (isEnumType(inner)) {
    typed = fc.oneof(
      { weight: depth === 0 ? 5 : 30, arbitrary: fc.constantFrom(...inner.getValues().map((value) => value.name)) },
      { weight: 1, arbitrary: hostileString },
    );
  } else if (isInputObjectType(inner)) {
    if (depth > 4) return fc.constant(null);
    const fields = Object.values(inner.getFields());
    const record: Record<string, fc.Arbitrary<Value>> = {};
    for (const field of fields) record[field.name] = valueOf(field.type, field.name, depth + 1);
    const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    typed = fc.oneof(
      { weight: 5, arbitrary: fc.record(record, { requiredKeys: required }) as fc.Arbitrary<Value> },
      { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) as fc.Arbitrary<Value> },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.record(record, { requiredKeys: required }), fc.string({ minLength: 1, maxLength: 8 }), wrongType)
          .map(([object, key, value]) => ({ ...(object as Record<string, Json>), [key]: value as Json })),
      },
    );
  } else if (isScalarType(inner)) {
    typed = scalarValue(inner, argument);
  } else {
    typed = wrongType;
  }
  // A value of another type fails GraphQL validation at the gateway; deeper in an input it is rarer, so
  // that most inputs reach the subgraphs and their checks.
  return fc.oneof({ weight: depth === 0 ? 9 : 40, arbitrary: typed }, { weight: 1, arbitrary: wrongType });
}

/** A small selection: connections' total, cursor and node ids; objects' scalar fields (the nested types' own subgraphs answer them). */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type) || !isObjectType(type)) return '';
  const fields = type.getFields();
  const scalars = (object: typeof fields) =>
    Object.values(object)
      .filter((candidate) => isLeafType(getNamedType(candidate.type)) && candidate.args.every((arg) => !isNonNullType(arg.type)))
      .slice(0, 8)
      .map((candidate) => candidate.name)
      .join(' ');
  if (fields.pageInfo && fields.nodes) {
    const node = getNamedType(fields.nodes.type);
    const nodeSelection = isObjectType(node) ? scalars(node.getFields()) : '';
    return `{ totalCount pageInfo { hasNextPage endCursor } nodes { __typename ${nodeSelection} } }`;
  }
  return `{ __typename ${scalars(fields)} }`;
}

interface Operation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

const operations: Operation[] = [
  ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
  ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
];

const CALLERS = ['anonymous', 'editor', 'admin', 'forged'] as const;
type CallerName = (typeof CALLERS)[number];

interface Case {
  operation: number;
  args: Record<string, Value | undefined>;
  literal: boolean;
  caller: CallerName;
}

const caseArbitrary: fc.Arbitrary<Case> = fc.nat({ max: operations.length - 1 }).chain((operation) => {
  const { field } = operations[operation]!;
  const args: Record<string, fc.Arbitrary<Value | undefined>> = {};
  for (const arg of field.args) {
    const value = isInputObjectType(getNamedType(arg.type))
      ? fc.oneof({ weight: 3, arbitrary: valueOf(arg.type, arg.name, 0) }, { weight: 1, arbitrary: tameValueOf(arg.type, arg.name, 0) })
      : valueOf(arg.type, arg.name, 0);
    args[arg.name] = isNonNullType(arg.type)
      ? fc.oneof({ weight: 19, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) })
      : fc.option(value, { nil: undefined, freq: 3 });
  }
  return fc.record({
    operation: fc.constant(operation),
    args: fc.record(args),
    literal: fc.boolean(),
    caller: fc.constantFrom(...CALLERS),
  });
});

/** A GraphQL literal of a generated value (enum names bare when the type is an enum). */
function literalOf(value: Value, type: GraphQLInputType | undefined): string {
  const inner = type && isNonNullType(type) ? (type.ofType as GraphQLInputType) : type;
  if (value === null) return 'null';
  if (value instanceof Raw) return value.text;
  if (value instanceof Harvested) throw new Error('harvested cursors are resolved before printing');
  if (typeof value === 'string') return inner && isEnumType(inner) && /^[_A-Za-z]\w*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return `[${value.map((item) => literalOf(item, inner && isListType(inner) ? (inner.ofType as GraphQLInputType) : undefined)).join(', ')}]`;
  const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
  return `{ ${Object.entries(value)
    .map(([key, item]) => `${/^[_A-Za-z]\w*$/.test(key) ? key : 'x'}: ${literalOf(item as Value, fields[key]?.type)}`)
    .join(', ')} }`;
}

/** A generated value as JSON for a variable: raw number texts cannot be JSON numbers, so they are sent as strings. */
function jsonOf(value: Value, cursors: string[]): Json {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Raw) return value.text;
  if (value instanceof Harvested) return cursors.length > 0 ? cursors[value.index % cursors.length]! : 'WzEsMl0';
  if (Array.isArray(value)) return value.map((item) => jsonOf(item, cursors));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonOf(item as Value, cursors)]));
}

function resolveHarvested(value: Value, cursors: string[]): Value {
  if (value instanceof Harvested) return jsonOf(value, cursors);
  return value;
}

function documentOf(testCase: Case, cursors: string[]): { query: string; variables: Record<string, Json> } {
  const { kind, field } = operations[testCase.operation]!;
  const sent = field.args.filter((arg) => testCase.args[arg.name] !== undefined);
  if (testCase.literal) {
    const args = sent.map((arg) => `${arg.name}: ${literalOf(resolveHarvested(testCase.args[arg.name]!, cursors), arg.type)}`);
    return { query: `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selectionOf(field)} }`, variables: {} };
  }
  const declarations = sent.map((arg) => `$${arg.name}: ${String(arg.type)}`);
  const args = sent.map((arg) => `${arg.name}: $${arg.name}`);
  const variables = Object.fromEntries(sent.map((arg) => [arg.name, jsonOf(testCase.args[arg.name]!, cursors)]));
  return {
    query: `${kind}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selectionOf(field)} }`,
    variables,
  };
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

function harvestCursors(value: unknown, into: string[]): void {
  if (Array.isArray(value)) value.forEach((item) => harvestCursors(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'endCursor' && typeof item === 'string' && !into.includes(item)) into.push(item);
      else harvestCursors(item, into);
    }
  }
}

/** Every table of one database, hashed: a refused request must leave it exactly as it was. */
async function fingerprintOf(client: Client): Promise<string> {
  const tables = await client.query<{ name: string }>(
    `select quote_ident(table_name) as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%' order by table_name`,
  );
  if (tables.rows.length === 0) return '';
  const parts = tables.rows.map(
    ({ name }) =>
      `select '${name}' as t, count(*) as n, md5(coalesce(string_agg(md5(r::text), '' order by md5(r::text)), '')) as h from ${name} r`,
  );
  const result = await client.query<{ t: string; n: string; h: string }>(parts.join(' union all '));
  return result.rows.map((row) => `${row.t}:${row.n}:${row.h}`).join('|');
}

let hub: TestHub;
const clients: Client[] = [];
const headers: Record<CallerName, Record<string, string>> = { anonymous: {}, editor: {}, admin: {}, forged: {} };

beforeAll(async () => {
  hub = await startTestHub();
  for (const url of Object.values(hub.databaseUrls)) {
    const client = new Client({ connectionString: url });
    await client.connect();
    clients.push(client);
  }
  const sign = async (organisationId: string, roles: ('editor' | 'admin')[], secret?: string) =>
    `Bearer ${await signDevToken({ subject: `fuzz-${roles.join('-')}`, organisationId, roles }, { issuer: 'jobcenter-hub', audience: 'jobcenter-hub', secret })}`;
  headers.editor = { authorization: await sign('jobcenter-muenster', ['editor']) };
  headers.admin = { authorization: await sign('hub', ['admin']) };
  headers.forged = { authorization: await sign('hub', ['admin'], 'not-the-secret-of-this-hub-at-all') };
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end()));
  await hub?.stop();
});

describe('fuzzing every root field and mutation through the gateway', () => {
  it(
    'answers generated input without a 5xx, an internal error, a write by a refused mutation, or a dead service',
    async () => {
      const stats = {
        cases: 0,
        mutations: 0,
        refusedMutations: 0,
        status5xx: 0,
        internal: 0,
        writesByRefused: 0,
        oversizedCut: 0,
        codes: {} as Record<string, number>,
      };
      const failures: string[] = [];
      const cursors: string[] = [];
      let fingerprints = await Promise.all(clients.map(fingerprintOf));
      // The fingerprint sees a write: an accepted mutation changes it.
      const accepted = await fetch(hub.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers.editor },
        body: JSON.stringify({ query: 'mutation { createOrganisation(input: { name: "Fuzz baseline", kind: CITY_DEPARTMENT }) { id } }' }),
      });
      expect(((await accepted.json()) as GraphQLBody).errors).toBeUndefined();
      const afterAccepted = await Promise.all(clients.map(fingerprintOf));
      expect(afterAccepted).not.toEqual(fingerprints);
      fingerprints = afterAccepted;
      process.stdout.write(
        `fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), up to ${RUNS} cases, ${operations.length} root fields and mutations\n`,
      );

      await fc.assert(
        fc.asyncProperty(caseArbitrary, async (testCase) => {
          const { kind, field } = operations[testCase.operation]!;
          const { query, variables } = documentOf(testCase, cursors);
          stats.cases += 1;
          const requestBody = JSON.stringify({ query, variables });
          let status = 0;
          let body: GraphQLBody = {};
          try {
            const response = await fetch(hub.gatewayUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers[testCase.caller] },
              body: requestBody,
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            });
            status = response.status;
            const text = await response.text();
            try {
              body = JSON.parse(text) as GraphQLBody;
            } catch {
              body = {};
            }
          } catch (error) {
            // A body over the HTTP limit (1 MB) is answered 413 and the connection closed once the answer
            // is out; a client still uploading may see the close instead of the 413 (the HTTP layer's
            // own tests cover that refusal). Anything else without an answer is a failure.
            if (Buffer.byteLength(requestBody) > 1_000_000) {
              stats.oversizedCut += 1;
              return;
            }
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            failures.push(
              `no answer (${String(error)} ${cause?.code ?? ''} ${cause?.message ?? ''}): ${query.slice(0, 300)} ${JSON.stringify(variables).slice(0, 300)}`,
            );
            return;
          }
          harvestCursors(body.data, cursors);
          const codes = (body.errors ?? []).map((error) => error.extensions?.code ?? 'NONE');
          for (const code of codes) stats.codes[code] = (stats.codes[code] ?? 0) + 1;
          const summary = () =>
            `${testCase.caller} HTTP ${status} ${codes.join(',')}: ${query.slice(0, 300)} ${JSON.stringify(variables).slice(0, 300)} → ${JSON.stringify(body.errors?.[0] ?? {}).slice(0, 300)}`;
          if (status >= 500) {
            stats.status5xx += 1;
            failures.push(summary());
          }
          if (codes.some((code) => code === 'INTERNAL_SERVER_ERROR' || code === 'SUBGRAPH_ERROR')) {
            stats.internal += 1;
            failures.push(summary());
          }
          if (kind === 'mutation') {
            stats.mutations += 1;
            const after = await Promise.all(clients.map(fingerprintOf));
            const refused = !body.data?.[field.name];
            if (refused) {
              stats.refusedMutations += 1;
              if (after.some((print, i) => print !== fingerprints[i])) {
                stats.writesByRefused += 1;
                failures.push(`a refused mutation wrote: ${summary()}`);
              }
            }
            fingerprints = after;
          }
        }),
        { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
      );

      const health = await Promise.all(
        [hub.gateway, ...hub.subgraphs].map(async (service) => {
          const response = await fetch(new URL('/health', service.url), { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
          return `${service.name}: ${response?.status ?? 'no answer'}${service.process.exitCode !== null ? ` (exited ${service.process.exitCode})` : ''}`;
        }),
      );
      process.stdout.write(`fuzz: ${JSON.stringify(stats)}\nfuzz: health ${health.join(', ')}\n`);
      expect(failures.slice(0, 10)).toEqual([]);
      expect(stats.cases).toBeGreaterThanOrEqual(Math.min(RUNS, 100));
      expect(health.every((line) => /: 200$/.test(line))).toBe(true);
    },
    TIME_LIMIT_MS + 55_000,
  );
});
