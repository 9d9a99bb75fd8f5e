import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { signDevToken } from '@jobcenter-hub/service';
import { type RunningService, startSubgraph, subgraphUrlVariable } from '../scripts/src/lib/stack';
import { readSupergraphConfig } from '../scripts/src/lib/supergraph-config';
import { createTestDatabase, dropTestDatabases } from './support/hub';
import { copyRepository, linkWorkspace } from './support/repo-copy';

const run = promisify(execFile);

// A department of these tests only (see test/publish-subgraph.test.ts): its real data replaces the demo.
const NAME = 'data-department';
const PACKAGE = join('subgraphs', NAME);

let copy: string;
const services: RunningService[] = [];
const databases: string[] = [];

/** Runs a built script of the copy the way `npm run` does: from the copy's root. */
const runIn = (script: string, ...args: string[]) => run(process.execPath, [join(copy, script), ...args], { cwd: copy });
/** The scaffolded package's own jest tests, on this run's PostgreSQL server; its summary line. */
async function packageTests(): Promise<string> {
  const { stderr } = await runIn('node_modules/jest/bin/jest.js', '--ci', PACKAGE).catch((error: { stderr?: string }) => {
    throw new Error(`the package's tests failed:\n${error.stderr ?? String(error)}`);
  });
  return /Tests:.*/.exec(stderr)?.[0] ?? stderr;
}

/** `npm run import -w subgraphs/<name> -- …`: the package's import script from its folder; never throws, returns its exit code and output. */
async function importCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(copy, PACKAGE, 'dist', 'import.js'), ...args], {
      cwd: join(copy, PACKAGE),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

beforeAll(async () => {
  copy = await copyRepository();
  await runIn('scripts/dist/subgraph-new.js', NAME, '--entity', 'DataPlace');
  linkWorkspace(copy, PACKAGE);
  await runIn('node_modules/typescript/bin/tsc', '-b');
}, 240_000);

afterAll(async () => {
  for (const running of services) running.process.kill('SIGTERM');
  await dropTestDatabases(databases);
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe("a department's real data in the template's subgraph", () => {
  it("the scaffolded package's tests pass, with the demo records and after they are replaced", async () => {
    expect(await packageTests()).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    // The department replaces the demo records with its own (fewer, other districts) and runs the tests again.
    const seeder = join(copy, PACKAGE, 'src', 'seeders', 'demo.seeder.ts');
    const source = readFileSync(seeder, 'utf8');
    const replaced = source.replace(
      /return demo\.MUENSTER_DISTRICTS\.map\([\s\S]*?\n {2}\}\)\);/,
      [
        'return [',
        "    { id: 'kita-0001', name: 'Kita Sonnenschein', districtId: 'muenster-mitte', ownerId: demo.demoIds.stadtMuenster, source: demo.illustrative('the department') },",
        "    { id: 'kita-0002', name: 'Kita Regenbogen', districtId: 'muenster-mitte', ownerId: demo.demoIds.stadtMuenster, source: demo.illustrative('the department') },",
        '  ];',
      ].join('\n'),
    );
    expect(replaced).not.toBe(source);
    writeFileSync(seeder, replaced);
    expect(await packageTests()).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  }, 300_000);

  it('npm run import loads a CSV file through the write API: a dry run first, bad rows by number, a second run changes nothing', async () => {
    const entries = readSupergraphConfig(join(copy, 'schema', 'supergraph.yaml')).subgraphs;
    const start = async (name: string, env: Record<string, string>) => {
      const url = await createTestDatabase(name);
      databases.push(url);
      const entry = entries.find((candidate) => candidate.name === name)!;
      const running = await startSubgraph({ root: copy, entry, databaseUrl: url, ports: 'free', env: { LOG_LEVEL: 'warn', ...env } });
      services.push(running);
      return { running, url };
    };
    // The subgraphs its writes ask: organisations (the writer's organisation, grants), locations (the districts).
    const peers: Record<string, string> = {};
    for (const name of ['organisations', 'locations']) peers[subgraphUrlVariable(name)] = (await start(name, {})).running.url;
    // Without the demo records: the department's database holds only what it imports.
    const { running: service, url: database } = await start(NAME, { ...peers, SEED_DEMO_DATA: 'false' });
    const token = await signDevToken(
      { subject: 'import@stadt-muenster', organisationId: 'stadt-muenster', roles: ['admin'] },
      { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' },
    );
    const file = join(copy, 'kitas.csv');
    writeFileSync(
      file,
      [
        'id;name;districtId;ownerId',
        'kita-0001;Kita Sonnenschein;muenster-mitte;stadt-muenster',
        'kita-0002;"Kita ""Regenbogen""";muenster-nord;stadt-muenster',
        'KITA 3;Kita ohne Slug;muenster-ost;stadt-muenster',
        '',
      ].join('\r\n'),
    );
    const rows = async () => {
      const client = new Client({ connectionString: database });
      await client.connect();
      try {
        return (await client.query('select id, name, district_id, version from data_place order by id')).rows as unknown[];
      } finally {
        await client.end();
      }
    };

    const dry = await importCommand(file, '--dry-run', '--url', service.url, '--token', token);
    expect(dry.stdout).toContain('row 4 (KITA 3): id: "KITA 3" is not a lower-case slug');
    expect(dry.stdout).toContain('dry run, nothing written: 2 would be created, 0 would be updated, 0 unchanged, 1 failed');
    expect(dry.code).toBe(1);
    expect(await rows()).toEqual([]);

    const first = await importCommand(file, '--url', service.url, '--token', token);
    expect(first.stdout).toContain('2 created, 0 updated, 0 unchanged, 1 failed');
    expect(await rows()).toEqual([
      { id: 'kita-0001', name: 'Kita Sonnenschein', district_id: 'muenster-mitte', version: 1 },
      { id: 'kita-0002', name: 'Kita "Regenbogen"', district_id: 'muenster-nord', version: 1 },
    ]);

    const second = await importCommand(file, '--url', service.url, '--token', token);
    expect(second.stdout).toContain('0 created, 0 updated, 2 unchanged, 1 failed');
    expect((await rows()).map((row) => (row as { version: number }).version)).toEqual([1, 1]);

    // Without a token the API refuses every new row, and the command says so per row.
    writeFileSync(file, 'id,name,districtId\nkita-0005,Kita Neu,muenster-mitte\n');
    const anonymous = await importCommand(file, '--url', service.url);
    expect(anonymous.stdout).toMatch(/row 2 \(kita-0005\): UNAUTHENTICATED: /);
    expect(anonymous.code).toBe(1);
    // A column the import does not know is refused before anything is sent.
    writeFileSync(file, 'id,name,districtId,colour\nkita-0009,K,muenster-mitte,blue\n');
    const unknown = await importCommand(file, '--url', service.url, '--token', token);
    expect(unknown.stderr).toContain('unknown columns colour');
    expect(unknown.code).toBe(1);
  }, 120_000);
});
