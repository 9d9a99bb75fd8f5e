import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { databaseVariable } from '../scripts/src/lib/env';
import { inRepoSubgraphs } from '../scripts/src/lib/stack';
import { createTestDatabase, dropTestDatabases, post } from './support/hub';
import { copyRepository } from './support/repo-copy';

let copy: string;
let child: ChildProcess | undefined;
let output = '';
const databases: string[] = [];

/** Waits until `pattern` matches what `npm run dev` printed after `from` characters; fails with its output when it exits first. */
async function waitFor(pattern: RegExp, from = 0, timeoutMs = 240_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(output.slice(from));
    if (match) return match;
    if (child?.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`npm run dev did not print ${pattern}:\n${output.slice(-6_000)}`);
}

beforeAll(async () => {
  copy = await copyRepository();
  // Databases of the test run's server (no embedded PostgreSQL of its own): one per subgraph, as `npm start` takes them.
  const env: Record<string, string> = {};
  for (const entry of inRepoSubgraphs(copy)) {
    const url = await createTestDatabase(entry.name);
    databases.push(url);
    env[databaseVariable(entry.name)] = url;
  }
  // What `npm run dev` runs once `npm run build` is done: the copy's built start script in watch mode.
  child = spawn(process.execPath, [join(copy, 'scripts', 'dist', 'start.js'), '--watch'], {
    cwd: copy,
    env: { ...process.env, ...env, PORTS: 'free' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-child!.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 20_000);
    await exited;
    clearTimeout(timer);
  }
  await dropTestDatabases(databases);
  if (copy) await rm(copy, { recursive: true, force: true });
}, 60_000);

const PROBE = '{ organisation(id: "jobcenter-muenster") { name devLoopProbe } }';

describe('npm run dev', () => {
  it('rebuilds and restarts a changed subgraph, then recomposes: the running gateway answers the new field', async () => {
    const gatewayUrl = (await waitFor(/jobcenter-hub is running: (\S+)/))[1]!;
    const gatewayPid = (await waitFor(/gateway\s+\S+ \(pid (\d+)\)/))[1]!;
    await waitFor(/dev\s+│ watching subgraphs/);
    const before = await post(gatewayUrl, PROBE);
    expect(before.status).toBe(400); // the field does not exist yet: GRAPHQL_VALIDATION_FAILED

    // A developer adds a field to a resolver of the programmes subgraph and saves.
    const mark = output.length;
    const file = join(copy, 'subgraphs', 'programmes', 'src', 'modules', 'organisation', 'organisation.resolver.ts');
    const source = readFileSync(file, 'utf8');
    const edited = source.replace(
      'export class OrganisationProgrammesResolver {\n',
      [
        'export class OrganisationProgrammesResolver {',
        "  @FieldResolver(() => String, { nullable: true, description: 'A field of the dev loop test.' })",
        '  devLoopProbe(@Root() organisation: OrganisationStub): string {',
        '    return `new build for ${organisation.id}`;',
        '  }',
        '',
        '',
      ].join('\n'),
    );
    expect(edited).not.toBe(source);
    writeFileSync(file, edited);

    // The order the log promises: built, the subgraph restarted from the new build, then recomposed, then the gateway switched.
    await waitFor(/dev\s+│ change in programmes: building/, mark);
    const restarted = await waitFor(/dev\s+│ programmes is running its new build \(pid \d+\)/, mark);
    const recomposed = await waitFor(/dev\s+│ recomposed schema\/supergraph\.graphql/, mark);
    expect(recomposed.index).toBeGreaterThan(restarted.index);
    const switchedAt = mark + recomposed.index;
    await waitFor(/gateway\s+│ supergraph updated/, switchedAt);
    expect(readFileSync(join(copy, 'schema', 'programmes.graphql'), 'utf8')).toContain('devLoopProbe');

    const after = await post<{ organisation: { name: string; devLoopProbe: string } }>(gatewayUrl, PROBE);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data!.organisation).toEqual({ name: 'Jobcenter Münster', devLoopProbe: 'new build for jobcenter-muenster' });
    // The gateway was never restarted: the same process switched its schema.
    expect(output).not.toMatch(/supervisor\s+│ gateway (crashed|restarted)/);
    expect(output).toContain(`(pid ${gatewayPid})`);
    expect(child!.exitCode).toBeNull();
  }, 420_000);

  it('recovers from a build that crashes at start once the next save fixes it', async () => {
    const file = join(copy, 'subgraphs', 'programmes', 'src', 'modules', 'organisation', 'organisation.resolver.ts');
    const source = readFileSync(file, 'utf8');
    const mark = output.length;
    writeFileSync(file, `${source}\nthrow new Error('a mistake of the dev loop test');\n`);
    await waitFor(/supervisor\s+│ programmes crashed/, mark);
    const fixed = output.length;
    writeFileSync(file, source);
    // The round that waited for the crashing build gives way to the fix.
    await waitFor(/dev\s+│ programmes is not ready with its new build/, mark);
    await waitFor(/dev\s+│ programmes is running its new build \(pid \d+\)/, fixed);
    await waitFor(/dev\s+│ recomposed schema\/supergraph\.graphql/, fixed);
    const { body } = await post<{ organisation: { devLoopProbe: string } }>(
      (/jobcenter-hub is running: (\S+)/.exec(output) ?? [])[1]!,
      PROBE,
    );
    expect(body.data?.organisation.devLoopProbe).toBe('new build for jobcenter-muenster');
  }, 240_000);

  it('leaves the running services alone when the build fails, and says why', async () => {
    const mark = output.length;
    const file = join(copy, 'subgraphs', 'programmes', 'src', 'modules', 'organisation', 'organisation.resolver.ts');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, `${source}\nconst broken: number = 'not a number';\n`);
    try {
      const failed = await waitFor(/dev\s+│ build failed; the running services stay as they are:[\s\S]*?TS2322/, mark);
      expect(output.slice(mark, mark + failed.index)).not.toMatch(/restarting programmes/);
    } finally {
      writeFileSync(file, source);
    }
  }, 240_000);
});
