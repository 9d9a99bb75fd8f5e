import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
    expect(failure?.stdout).toContain('used by operations/HubWalk.graphql');
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
    expect(report).toContain('used by operations/HubWalk.graphql');
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

    const clash = await check('notices', NOTICES_SDL.replace('notices: [String!]!', 'notices: [String!]!\n  name: Int'));
    expect(clash.result.kind).toBe('composition-failed');
    expect(clash.report).toMatch(/✗ the subgraphs do not compose:\n {2}- [A-Z_]+: .*"Organisation\.name"/);
  });
});
