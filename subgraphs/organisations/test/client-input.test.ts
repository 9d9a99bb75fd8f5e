import { demo } from '@jobcenter-hub/demo';
import { AuditEvent, sealCursor } from '@jobcenter-hub/subgraph';
import { asUser, type Executed, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createOrganisationsOrmConfig } from '../src/mikro-orm.config';
import { Organisation } from '../src/modules/organisation/organisation.entity';
import { OrganisationUnit } from '../src/modules/organisation-unit/organisation-unit.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

// The classes of client input the shared input rules refuse (packages/subgraph/src/input-rules.ts and
// pagination.ts), seen through one subgraph's real schema: each is BAD_USER_INPUT (or UNAUTHENTICATED)
// naming the argument, never an internal error, and nothing is written.

const subgraph = useTestSubgraph({
  database: 'organisations_input',
  createConfig: createOrganisationsOrmConfig,
  seed: seedIfEmpty,
  createServer,
});

const editor = asUser(demo.demoIds.jobcenterMuenster, 'editor');
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function expectBadInput(result: Executed<unknown>, argument: string) {
  expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  expect(result.errors?.[0]?.extensions?.argument).toBe(argument);
  expect(result.errors?.[0]?.message).not.toMatch(/select|insert|update |postgres/i);
}

const counts = async () => {
  const em = subgraph.orm.em.fork();
  return Promise.all([em.count(Organisation, {}), em.count(OrganisationUnit, {}), em.count(AuditEvent, {})]);
};

describe('cursors belong to one list and one order', () => {
  const ORGANISATIONS = `query ($after: String) { organisations(first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }`;

  it('pages on with its own cursor', async () => {
    const first = await execute<{ organisations: { nodes: { id: string }[]; pageInfo: { endCursor: string } } }>(
      subgraph.parts,
      ORGANISATIONS,
    );
    const next = await execute<{ organisations: { nodes: { id: string }[] } }>(subgraph.parts, ORGANISATIONS, {
      after: first.data!.organisations.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    expect(next.data!.organisations.nodes[0]!.id).not.toBe(first.data!.organisations.nodes[0]!.id);
  });

  it("refuses another list's real cursor: organisationUnits' cursor given to organisations", async () => {
    const units = await execute<{ organisationUnits: { pageInfo: { endCursor: string } } }>(
      subgraph.parts,
      `{ organisationUnits(first: 1) { pageInfo { endCursor } } }`,
    );
    expectBadInput(await execute(subgraph.parts, ORGANISATIONS, { after: units.data!.organisationUnits.pageInfo.endCursor }), 'after');
  });

  it.each([
    ['a crafted array of numbers (WzEsMl0 = [1,2])', 'WzEsMl0'],
    ['a cursor of locationsNear', sealCursor('Query.locationsNear', JSON.stringify([0.5, 'jcms-hauptstelle']))],
    ['a cursor of partners, with a name and an id', sealCursor('Query.partners', JSON.stringify(['Caritas', 'caritas-muenster']))],
    ['numbers where text is expected', sealCursor('Query.organisations', JSON.stringify([1, 2]))],
    ['a NUL inside a value', sealCursor('Query.organisations', JSON.stringify(['Job\u0000center', 'x']))],
    ['a NUL in the cursor text', base64url('["Query.organisations",["Jobcenter\u0000","x"]]')],
    ['objects where values are expected', sealCursor('Query.organisations', JSON.stringify([{ $gt: '' }, 'x']))],
    ['too few values', sealCursor('Query.organisations', JSON.stringify(['Jobcenter']))],
    ['a huge number', base64url('["Query.organisations",[1e309,"x"]]')],
    ['not base64url at all', 'a+b/c=='],
  ])('refuses %s with BAD_USER_INPUT after, before any SQL', async (_what, after) => {
    const result = await execute(subgraph.parts, ORGANISATIONS, { after });
    expectBadInput(result, 'after');
    expect(result.statements).toBe(0);
  });

  it('refuses a cursor of another list on a nested list too (Organisation.units)', async () => {
    const result = await execute(
      subgraph.parts,
      `query ($after: String) { organisation(id: "${demo.demoIds.jobcenterMuenster}") { units(after: $after) { totalCount } } }`,
      { after: sealCursor('Query.organisationUnits', JSON.stringify(['Team', 'x'])) },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('texts are free of NUL bytes and of sane length before they reach PostgreSQL', () => {
  it.each([
    ['search', `query ($v: String) { organisations(search: $v) { totalCount } }`],
    ['id', `query ($v: ID!) { organisation(id: $v) { id } }`],
    ['organisationId', `query ($v: ID) { organisationUnits(organisationId: $v) { totalCount } }`],
    ['entityType', `query ($v: String) { organisationsAuditTrail(entityType: $v) { totalCount } }`],
  ])('a NUL byte in %s is BAD_USER_INPUT naming it, before any SQL', async (argument, query) => {
    const result = await execute(subgraph.parts, query, { v: 'jobcenter\u0000muenster' }, asUser('hub', 'admin'));
    expectBadInput(result, argument);
    expect(result.statements).toBe(0);
  });

  it('an argument longer than the default limit is BAD_USER_INPUT', async () => {
    const result = await execute(subgraph.parts, `query ($v: String) { organisationsAuditTrail(entityType: $v) { totalCount } }`, {
      v: 'x'.repeat(100_000),
    });
    expectBadInput(result, 'entityType');
  });

  it.each([
    ['a name being created', 'createOrganisation', 'CreateOrganisationInput', { name: 'Amt\u0000', kind: 'CITY_DEPARTMENT' }, 'input.name'],
    ['an id being updated', 'updateOrganisation', 'UpdateOrganisationInput', { id: 'jobcenter\u0000muenster', version: 1 }, 'input.id'],
    [
      'a citation nested in the source',
      'createOrganisation',
      'CreateOrganisationInput',
      { name: 'Amt', kind: 'CITY_DEPARTMENT', source: { kind: 'PUBLISHER', citation: 'Satzung\u0000' } },
      'input.source.citation',
    ],
    [
      'a municipality key in a list',
      'createOrganisation',
      'CreateOrganisationInput',
      { name: 'Amt', kind: 'CITY_DEPARTMENT', municipalityKeys: ['05515000', '0551\u00000'] },
      'input.municipalityKeys.1',
    ],
  ])('a NUL byte in %s is refused and nothing is written', async (_what, mutation, type, input, argument) => {
    const before = await counts();
    const result = await execute(subgraph.parts, `mutation ($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input }, editor);
    expectBadInput(result, argument);
    expect(await counts()).toEqual(before);
  });
});

describe('authentication comes before input validation', () => {
  it.each([
    ['createOrganisation without ownerId', 'CreateOrganisationInput', 'createOrganisation', { name: 'Amt', kind: 'CITY_DEPARTMENT' }],
    ['createOrganisation with an invalid name', 'CreateOrganisationInput', 'createOrganisation', { name: '', kind: 'CITY_DEPARTMENT' }],
    ['updateOrganisation with a NUL id', 'UpdateOrganisationInput', 'updateOrganisation', { id: 'a\u0000', version: 1 }],
  ])('an anonymous %s is UNAUTHENTICATED, and nothing is written', async (_what, type, mutation, input) => {
    const before = await counts();
    const result = await execute(subgraph.parts, `mutation ($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(result.statements).toBe(0);
    expect(await counts()).toEqual(before);
  });
});

describe('references from other subgraphs', () => {
  it('a representation whose id no record can have (NUL, not text, too long) resolves to null, and the others still resolve', async () => {
    const result = await execute<{ _entities: ({ id: string } | null)[] }>(
      subgraph.parts,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organisation { id } } }`,
      {
        representations: [
          { __typename: 'Organisation', id: 'jobcenter\u0000muenster' },
          { __typename: 'Organisation', id: 42 },
          { __typename: 'Organisation', id: 'x'.repeat(129) },
          { __typename: 'Organisation', id: demo.demoIds.jobcenterMuenster },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null, null, null, { id: demo.demoIds.jobcenterMuenster }]);
  });
});

describe('texts are well-formed Unicode', () => {
  it('a lone surrogate in a citation (the audit trail stores it as JSON) is BAD_USER_INPUT, and nothing is written', async () => {
    const before = await counts();
    const result = await execute(
      subgraph.parts,
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name: 'Amt', kind: 'CITY_DEPARTMENT', source: { kind: 'PUBLIC_RECORD', citation: 'Straße\ud800' } } },
      editor,
    );
    expectBadInput(result, 'input.source.citation');
    expect(await counts()).toEqual(before);
  });

  it('a pair of surrogates (an emoji) is fine', async () => {
    const result = await execute(
      subgraph.parts,
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { name } }`,
      { input: { name: 'Café 😀', kind: 'CITY_DEPARTMENT' } },
      editor,
    );
    expect(result.errors).toBeUndefined();
  });
});
