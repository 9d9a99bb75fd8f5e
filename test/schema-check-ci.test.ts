import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { copyRepository } from './support/repo-copy';

const run = promisify(execFile);

// CI checks a clean checkout of main AFTER a change is committed: the check must compare with what is
// published (schema/published/supergraph.graphql), not with HEAD, which already holds the change.
let copy: string;

beforeAll(async () => {
  copy = await copyRepository();
  await git('init', '--quiet', '--initial-branch=main');
  await commitAll('the hub as published');
}, 120_000);

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

const git = (...args: string[]) =>
  run('git', ['-c', 'user.name=CI test', '-c', 'user.email=ci@example.invalid', ...args], { cwd: copy, maxBuffer: 64 * 1024 * 1024 });

async function commitAll(message: string): Promise<void> {
  await git('add', '--all');
  await git('commit', '--quiet', '--no-verify', '-m', message);
}

/** Runs a command in the copy; its exit code and output, whether it fails or not. */
async function runIn(
  command: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(command, args, { cwd: copy, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const PARTNER_ENTITY = () => join(copy, 'subgraphs', 'partners', 'src', 'modules', 'partner', 'partner.entity.ts');

describe("CI's schema check on a clean checkout of main", () => {
  it('refuses a breaking change once it is committed, naming the field, until it is published on purpose', async () => {
    const clean = await runIn(join(copy, '.ci', 'schema-check'));
    expect(clean.stdout).toContain('against the published supergraph (schema/published/supergraph.graphql)');
    expect(clean.stdout).not.toContain('Partner.phone');
    expect(clean.code).toBe(0);

    // Rename Partner.phone (in GraphQL only, so that the code still compiles) and commit it, as a merged
    // change would be before CI runs on main.
    const source = readFileSync(PARTNER_ENTITY(), 'utf8');
    const renamed = source.replace(
      "@Field(() => String, { nullable: true, description: 'Public contact phone number.' })",
      "@Field(() => String, { name: 'telephone', nullable: true, description: 'Public contact phone number.' })",
    );
    expect(renamed).not.toBe(source);
    writeFileSync(PARTNER_ENTITY(), renamed);
    // With `npm run compose`'s output (a build and the compose): schema/ at HEAD holds the change too.
    expect((await runIn(process.execPath, [join(copy, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'])).code).toBe(0);
    expect((await runIn(process.execPath, [join(copy, 'scripts', 'dist', 'compose.js')])).code).toBe(0);
    expect(readFileSync(join(copy, 'schema', 'supergraph.graphql'), 'utf8')).toMatch(/\n {2}telephone: String/);
    await commitAll('Partner.phone is Partner.telephone now');
    expect((await git('status', '--porcelain')).stdout).toBe('');

    const committed = await runIn(join(copy, '.ci', 'schema-check'));
    expect(committed.stdout).toMatch(/✗ Partner\.phone: Field 'phone' .*removed/);
    expect(committed.stdout).toMatch(/^schema check failed: 1 breaking change$/m);
    expect(committed.code).toBe(1);
    // HEAD already holds the change: compared with HEAD (what CI did before), it goes through.
    const againstHead = await runIn(join(copy, '.ci', 'schema-check'), [], { SCHEMA_CHECK_BASE: 'HEAD' });
    expect(againstHead.stdout).toContain('against schema/supergraph.graphql at HEAD');
    expect(againstHead.stdout).not.toContain('Partner.phone');

    // Publishing refuses a breaking change unless it is accepted on purpose, and then CI passes.
    const refused = await runIn(process.execPath, [join(copy, 'scripts', 'dist', 'schema-check.js'), '--publish']);
    expect(refused.stdout).toContain('not published: breaking changes (--accept-breaking records them anyway)');
    expect(refused.code).toBe(1);
    const accepted = await runIn(process.execPath, [join(copy, 'scripts', 'dist', 'schema-check.js'), '--publish', '--accept-breaking']);
    expect(accepted.stdout).toContain('published: wrote schema/published/supergraph.graphql');
    expect(accepted.code).toBe(0);
    expect(readFileSync(join(copy, 'schema', 'published', 'supergraph.graphql'), 'utf8')).toMatch(/\n {2}telephone: String/);
    await commitAll('publish: Partner.phone is Partner.telephone now');
    const published = await runIn(join(copy, '.ci', 'schema-check'));
    expect(published.stdout).toContain('✓ the public API is unchanged');
    expect(published.code).toBe(0);
  }, 300_000);

  it("refuses a breaking change of a department's scaffolded subgraph once it was published, naming the field", async () => {
    const tsc = join(copy, 'node_modules', 'typescript', 'bin', 'tsc');
    const script = (name: string) => join(copy, 'scripts', 'dist', `${name}.js`);
    const build = async () => {
      expect((await runIn(process.execPath, [tsc, '-b'])).code).toBe(0);
      expect((await runIn(process.execPath, [script('compose')])).code).toBe(0);
    };
    const scaffolded = await runIn(process.execPath, [script('subgraph-new'), 'youth-office', '--entity', 'FamilyCentre']);
    expect(scaffolded.stdout).toContain('created subgraphs/youth-office');
    await build();
    await commitAll('youth-office: a new subgraph');
    // A new subgraph only adds to the graph: CI lets it through before it is published ...
    const added = await runIn(join(copy, '.ci', 'schema-check'));
    expect(added.stdout).not.toContain('breaking');
    expect(added.code).toBe(0);
    // ... and it is published (no --accept-breaking needed) with the release that deploys it.
    const publish = await runIn(process.execPath, [script('schema-check'), '--publish']);
    expect(publish.stdout).toContain('published: wrote schema/published/supergraph.graphql');
    expect(publish.code).toBe(0);
    await commitAll('publish youth-office');

    // The department renames a field of its own type and commits it before CI runs.
    const entity = join(copy, 'subgraphs', 'youth-office', 'src', 'modules', 'family-centre', 'family-centre.entity.ts');
    const source = readFileSync(entity, 'utf8');
    const renamed = source.replace(
      '  @Field(() => String)\n  name!: string;',
      "  @Field(() => String, { name: 'title' })\n  name!: string;",
    );
    expect(renamed).not.toBe(source);
    writeFileSync(entity, renamed);
    await build();
    await commitAll('youth-office: FamilyCentre.name is FamilyCentre.title now');
    expect((await git('status', '--porcelain')).stdout).toBe('');

    const committed = await runIn(join(copy, '.ci', 'schema-check'));
    expect(committed.stdout).toMatch(/✗ FamilyCentre\.name: Field 'name' .*removed/);
    expect(committed.stdout).toMatch(/^schema check failed: 1 breaking change$/m);
    expect(committed.code).toBe(1);
  }, 300_000);
});
