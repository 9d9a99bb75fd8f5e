import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { manifestProblemOf, persistedQueryManifestOf, writePersistedQueryManifest } from '../scripts/src/lib/compose';
import { checkSchema, formatSchemaCheck, type SchemaCheckResult, schemaCheckPassed } from '../scripts/src/lib/schema-check';
import { NOTICES_SDL } from './support/external-subgraph';
import { ROOT } from './support/hub';

const run = promisify(execFile);
// The schema as committed in this working tree; the candidates below differ from it in one place each.
const BASE = join(ROOT, 'schema', 'supergraph.graphql');

let dir: string;
let organisations: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jobcenter-hub-check-'));
  organisations = await readFile(join(ROOT, 'schema', 'organisations.graphql'), 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Rewrites the body of one type definition in an SDL text. */
function editType(sdl: string, type: string, edit: (body: string) => string): string {
  const start = sdl.search(new RegExp(`^(type|enum) ${type}\\b`, 'm'));
  const end = sdl.indexOf('\n}', start);
  expect(start).toBeGreaterThanOrEqual(0);
  return `${sdl.slice(0, start)}${edit(sdl.slice(start, end))}${sdl.slice(end)}`;
}

/** Checks the repository's subgraphs with `sdl` as a candidate for `name`, against the committed supergraph. */
async function check(name: string, sdl: string): Promise<{ result: SchemaCheckResult; report: string }> {
  const file = join(dir, `${name}.graphql`);
  await writeFile(file, sdl);
  // From the SDL files, not the build: the same subgraphs the committed supergraph was composed from.
  const result = await checkSchema({ root: ROOT, subgraphFiles: { [name]: file }, base: BASE, sdlFrom: 'files' });
  return { result, report: formatSchemaCheck(result) };
}

describe('npm run schema:check', () => {
  it('fails when a subgraph removes a field a saved operation uses, naming the field and the operation', async () => {
    const candidate = join(dir, 'organisations-without-director.graphql');
    const withoutDirector = editType(organisations, 'Organisation', (body) =>
      body.replace(/\n(\s*"""[^"]*"""\n)?\s*managingDirector\b[^\n]*/, ''),
    );
    expect(withoutDirector).not.toBe(organisations);
    await writeFile(candidate, withoutDirector);
    const failure = await run(
      process.execPath,
      [join(ROOT, 'scripts', 'dist', 'schema-check.js'), '--subgraph', `organisations=${candidate}`, '--base', BASE],
      {
        cwd: ROOT,
      },
    ).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toMatch(/✗ Organisation\.managingDirector: Field 'managingDirector' was removed/);
    expect(failure?.stdout).toMatch(/used by (.*, )?operations\/HubWalk\.graphql/);
    expect(failure?.stdout).toMatch(/✗ operations\/HubWalk\.graphql: Cannot query field "managingDirector" on type "Organisation"/);
    expect(failure?.stdout).toMatch(/^schema check failed: \d+ breaking changes?, \d+ saved operations? broken$/m);
  });

  it('fails when a subgraph retypes a field a saved operation uses, even though the operation still validates', async () => {
    const { result, report } = await check(
      'organisations',
      editType(organisations, 'Organisation', (body) => body.replace(/\n {2}name: String!/, '\n  name: Int!')),
    );
    expect(schemaCheckPassed(result)).toBe(false);
    expect(report).toContain("✗ Organisation.name: Field 'Organisation.name' changed type from 'String!' to 'Int!'");
    expect(report).toMatch(/used by (.*, )?operations\/HubWalk\.graphql/);
    expect(report).not.toContain('no longer validate');
  });

  it('passes an additive change and lists it as safe', async () => {
    const { result, report } = await check(
      'organisations',
      editType(organisations, 'Organisation', (body) => `${body}\n  website: String`),
    );
    expect(schemaCheckPassed(result)).toBe(true);
    expect(report).toContain("+ Organisation.website: Field 'website' was added to object type 'Organisation'");
    expect(report).toMatch(/✓ \d+ saved operations? still validates?/);
    expect(report).toMatch(/schema check passed\n$/);
  });

  it('passes a dangerous change with a warning', async () => {
    const { result, report } = await check(
      'organisations',
      editType(organisations, 'OrganisationKind', (body) => `${body}\n  YOUTH_OFFICE`),
    );
    expect(schemaCheckPassed(result)).toBe(true);
    expect(report).toContain("! OrganisationKind.YOUTH_OFFICE: Enum value 'YOUTH_OFFICE' was added to enum 'OrganisationKind'");
    expect(report).toContain('schema check passed (1 dangerous change to review)');
  });

  it("checks a new department's subgraph before it is listed: it joins, and a clash fails with the composer's message", async () => {
    const joins = await check('notices', NOTICES_SDL);
    expect(schemaCheckPassed(joins.result)).toBe(true);
    expect(joins.report).toContain("+ Organisation.notices: Field 'notices' was added to object type 'Organisation'");

    const clash = await check('notices', NOTICES_SDL.replace('notices: [String!]', 'notices: [String!]\n  name: Int'));
    expect(clash.result.kind).toBe('composition-failed');
    expect(clash.report).toMatch(/✗ the subgraphs do not compose:\n {2}- [A-Z_]+: .*"Organisation\.name"/);
  });
});

describe('npm run schema:check: a subgraph does not change the types other subgraphs define', () => {
  const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])\n';

  it("refuses a new subgraph that declares an enum of the same name as another subgraph's, with other values", async () => {
    const { result, report } = await check(
      'youth-office',
      `${LINK}
enum ResponsibilityMatch { POSTCODE YOUTH_OFFICE }
type Consultation { id: ID! match: ResponsibilityMatch }
type Query { consultation: Consultation }
`,
    );
    expect(schemaCheckPassed(result)).toBe(false);
    expect(result.kind === 'checked' && result.ownershipProblems).toEqual([
      expect.stringMatching(
        /^ResponsibilityMatch: an enum defined by locations, youth-office \(published by locations\) with different values \(locations adds MUNICIPALITY, DISTRICT, NEAREST_DISTRICT_CENTRE; youth-office adds YOUTH_OFFICE\)/,
      ),
    ]);
    expect(report).toMatch(/^schema check failed: .*1 change to another subgraph's type$/m);
    // Declared identically, the enum is shared on purpose: that passes.
    const identical = await check(
      'youth-office',
      `${LINK}
enum ResponsibilityMatch { POSTCODE MUNICIPALITY DISTRICT NEAREST_DISTRICT_CENTRE }
type Consultation { id: ID! match: ResponsibilityMatch }
type Query { consultation: Consultation }
`,
    );
    expect(identical.result.kind === 'checked' && identical.result.ownershipProblems).toEqual([]);
    expect(identical.report).toContain('✓ no subgraph changes a type another subgraph defines');
  });

  it('refuses fields added to a value type another subgraph defines, and accepts it shared identically', async () => {
    const pageInfo = (extra: string) => `${LINK}
type PageInfo @shareable { hasNextPage: Boolean! endCursor: String${extra} }
type ConsultationConnection { nodes: [String!]! pageInfo: PageInfo! }
type Query { consultations: ConsultationConnection! }
`;
    // Composition itself refuses it here (the other subgraphs cannot resolve the new field where they
    // return a PageInfo); the ownership check refuses what would compose (see ownershipProblemsOf).
    const added = await check('youth-office', pageInfo(' pageCount: Int'));
    expect(schemaCheckPassed(added.result)).toBe(false);
    expect(added.report).toContain('PageInfo.pageCount');
    const identical = await check('youth-office', pageInfo(''));
    expect(identical.result.kind === 'checked' && identical.result.ownershipProblems).toEqual([]);
  });

  it("refuses a non-null field added to another subgraph's entity, naming it, and accepts it nullable", async () => {
    const district = (type: string) => `${LINK}
type District @key(fields: "id") { id: ID! familyCentres: ${type} }
type FamilyCentre @key(fields: "id") { id: ID! name: String! district: District! }
type Query { familyCentres: [FamilyCentre!]! }
`;
    const nonNull = await check('youth-office', district('[FamilyCentre!]!'));
    expect(schemaCheckPassed(nonNull.result)).toBe(false);
    expect(nonNull.report).toContain(
      '✗ District.familyCentres: youth-office adds a non-null field ([FamilyCentre!]!) to District, which locations owns: make it nullable ([FamilyCentre!])',
    );
    const nullable = await check('youth-office', district('[FamilyCentre!]'));
    expect(nullable.result.kind === 'checked' && nullable.result.ownershipProblems).toEqual([]);
    expect(schemaCheckPassed(nullable.result)).toBe(true);
  });
});

describe('npm run schema:check: saved operations a client cache can normalise', () => {
  /** A repository root of its own with these operations (and, unless told otherwise, their manifest as `npm run compose` writes it). */
  async function rootWith(operations: Record<string, string>, options: { manifest?: boolean } = {}): Promise<string> {
    const root = await mkdtemp(join(dir, 'root-'));
    await mkdir(join(root, 'operations'));
    await mkdir(join(root, 'schema'));
    for (const [name, text] of Object.entries(operations)) await writeFile(join(root, 'operations', `${name}.graphql`), text);
    if (options.manifest !== false) writePersistedQueryManifest(root);
    return root;
  }
  const checkRoot = async (root: string) => {
    const result = await checkSchema({ root, supergraphFile: BASE, base: BASE });
    return { result, report: formatSchemaCheck(result) };
  };

  it('every saved operation of operations/ selects the keys of every entity it returns', async () => {
    const result = await checkSchema({ root: ROOT, supergraphFile: BASE, base: BASE });
    expect(result.kind === 'checked' && result.keyProblems).toEqual([]);
  });

  it('has schema/persisted-query-manifest.json as `npm run compose` writes it from operations/', () => {
    expect(manifestProblemOf(ROOT)).toBeUndefined();
  });

  it('refuses an operation that returns an entity without its key, naming the operation, the path, the type and the key', async () => {
    const root = await rootWith({
      Walk: `query Walk {
        organisation(id: "jobcenter-muenster") { id name units(first: 5) { nodes { name employer { id } } } }
        programme(id: "x") { name operator { id } }
      }`,
    });
    const { result, report } = await checkRoot(root);
    expect(schemaCheckPassed(result)).toBe(false);
    expect(result.kind === 'checked' && result.keyProblems).toEqual([
      { file: 'operations/Walk.graphql', message: 'Walk: organisation.units.nodes (OrganisationUnit) does not select its key: add id' },
      { file: 'operations/Walk.graphql', message: 'Walk: programme (Programme) does not select its key: add id' },
    ]);
    expect(report).toContain('✗ operations/Walk.graphql: Walk: programme (Programme) does not select its key: add id');
    expect(report).toMatch(/^schema check failed: 1 saved operation without entity keys$/m);
  });

  it('asks for the id of an object that is no entity but has one, as client caches identify it by that too', async () => {
    const { result } = await checkRoot(
      await rootWith({
        Intakes: `query Intakes {
          programme(id: "x") { id upcomingIntakes(first: 3) { nodes { startsOn source { kind } } pageInfo { hasNextPage } } }
        }`,
      }),
    );
    expect(result.kind === 'checked' && result.keyProblems.map((problem) => problem.message)).toEqual([
      'Intakes: programme.upcomingIntakes.nodes (Intake) does not select its key: add id',
    ]);
  });

  it('counts a key selected through a fragment, and not one under an alias or @skip/@include', async () => {
    const { result } = await checkRoot(
      await rootWith({
        Fragments: `query Fragments($all: Boolean!) {
          byFragment: organisation(id: "a") { ...Names }
          inline: organisation(id: "b") { ... on Organisation { id } name }
          aliased: organisation(id: "c") { key: id name }
          skipped: organisation(id: "d") { id @include(if: $all) name }
          skippedFragment: organisation(id: "e") { ... @skip(if: $all) { id } name }
        }
        fragment Names on Organisation { id name }`,
      }),
    );
    expect(result.kind === 'checked' && result.keyProblems.map((problem) => problem.message)).toEqual([
      'Fragments: aliased (Organisation) does not select its key: add id',
      'Fragments: skipped (Organisation) does not select its key: add id',
      'Fragments: skippedFragment (Organisation) does not select its key: add id',
    ]);
  });

  it('fails while schema/persisted-query-manifest.json is missing or stale, and passes once `npm run compose` wrote it', async () => {
    const operation = 'query One { organisations(first: 1) { nodes { id name } } }';
    const missing = await checkRoot(await rootWith({ One: operation }, { manifest: false }));
    expect(missing.report).toContain('✗ schema/persisted-query-manifest.json is missing: run `npm run compose` and commit it');
    expect(schemaCheckPassed(missing.result)).toBe(false);

    const root = await rootWith({ One: operation });
    const fresh = await checkRoot(root);
    expect(fresh.report).toContain('✓ schema/persisted-query-manifest.json lists the saved operations as they are');
    expect(schemaCheckPassed(fresh.result)).toBe(true);

    await writeFile(join(root, 'operations', 'One.graphql'), operation.replace('name', 'name kind'));
    const stale = await checkRoot(root);
    expect(stale.report).toContain('✗ schema/persisted-query-manifest.json is stale');
    expect(stale.report).toMatch(/^schema check failed: stale persisted-query manifest$/m);
    writePersistedQueryManifest(root);
    expect(schemaCheckPassed((await checkRoot(root)).result)).toBe(true);
  });

  it("writes the manifest in Apollo's format: each operation with its fragments and __typename, its id the SHA-256 of the body", async () => {
    const root = await rootWith({
      B: 'query B { organisations(first: 1) { nodes { ...Org } } }',
      A: '# a comment\nmutation A($id: ID!) { deleteNothing(id: $id) }',
      Fragments: 'fragment Org on Organisation { id name }',
    });
    const manifest = persistedQueryManifestOf(root);
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    expect(manifest.operations.map(({ name, type }) => ({ name, type }))).toEqual([
      { name: 'A', type: 'mutation' },
      { name: 'B', type: 'query' },
    ]);
    const b = manifest.operations[1]!;
    expect(b.body).toBe(
      'query B {\n  organisations(first: 1) {\n    nodes {\n      ...Org\n      __typename\n    }\n    __typename\n  }\n}\n\nfragment Org on Organisation {\n  id\n  name\n  __typename\n}',
    );
    expect(b.id).toBe(createHash('sha256').update(b.body).digest('hex'));
    expect(JSON.parse(await readFile(join(root, 'schema', 'persisted-query-manifest.json'), 'utf8'))).toEqual(manifest);
  });
});
