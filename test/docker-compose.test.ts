import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inRepoSubgraphs, SUBGRAPH_EXEC_ARGV, subgraphUrlVariable } from '../scripts/src/lib/stack';
import { composeServices, createEnvFile, imageEnv, readEnvFile } from './support/compose-file';
import { ROOT } from './support/hub';

// No Docker engine runs here: these checks keep docker-compose.yml and the Dockerfile in step with the
// topology that `npm start` and the tests run; test/docker-compose-topology.test.ts starts the file.
// The file is read as Compose reads it: merged, with `.env` as docker/create-env.sh writes it.
const vars = createEnvFile(ROOT);
const services = composeServices(ROOT, vars);
// Subgraphs from outside the repository (an SDL file and a URL in supergraph.yaml) run elsewhere.
const subgraphs = inRepoSubgraphs(ROOT);
const initSql = readFileSync(join(ROOT, 'docker', 'postgres-init.sql'), 'utf8');
const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
const passwordVariable = (database: string) => `${database.toUpperCase()}_DB_PASSWORD`;

describe('docker-compose.yml', () => {
  it.each(subgraphs.map((entry) => [entry.name, entry] as const))(
    'runs subgraph %s on its own database, as its own role, and port',
    (name, entry) => {
      const service = services[name]!;
      // The same Node flags as npm start gives the subgraphs.
      expect(service.command).toEqual(['node', ...SUBGRAPH_EXEC_ARGV, `subgraphs/${name}/dist/main.js`]);
      const url = new URL(service.environment.DATABASE_URL!);
      const database = url.pathname.slice(1);
      expect(initSql).toContain(`CREATE DATABASE ${database} OWNER ${database};`);
      expect(initSql).toContain(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC;`);
      expect(initSql).toMatch(
        new RegExp(`^CREATE ROLE ${database} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'${database}_password';$`, 'm'),
      );
      expect(initSql).toContain(`\\getenv ${database}_password ${passwordVariable(database)}\n`);
      expect(url.username).toBe(database);
      expect(url.password).toBe(vars[passwordVariable(database)]);
      expect(services.postgres!.environment[passwordVariable(database)]).toBe(vars[passwordVariable(database)]);
      expect(service.environment.PORT).toBe(new URL(entry.routingUrl).port);
      expect(service.healthcheck!.test.join(' ')).toContain(`:${service.environment.PORT}/ready`);
      expect(service.depends_on).toHaveProperty('postgres');
    },
  );

  it('gives each subgraph its own database', () => {
    const databases = subgraphs.map((entry) => new URL(services[entry.name]!.environment.DATABASE_URL!).pathname);
    expect(new Set(databases).size).toBe(subgraphs.length);
  });

  it('points the gateway at every subgraph and waits for them', () => {
    const gateway = services.gateway!;
    for (const entry of subgraphs) {
      const port = new URL(entry.routingUrl).port;
      expect(gateway.environment[subgraphUrlVariable(entry.name)]).toBe(`http://${entry.name}:${port}/graphql`);
      expect(gateway.depends_on).toHaveProperty(entry.name);
    }
    expect(gateway.ports).toEqual([`${gateway.environment.PORT}:${gateway.environment.PORT}`]);
  });

  it('writes demo data only on request', () => {
    for (const entry of subgraphs) expect(services[entry.name]!.environment.SEED_DEMO_DATA).toBe('false');
    const asked = composeServices(ROOT, { ...vars, SEED_DEMO_DATA: 'true' });
    for (const entry of subgraphs) expect(asked[entry.name]!.environment.SEED_DEMO_DATA).toBe('true');
  });

  it('refuses to start without the secrets, naming the command that creates them', () => {
    for (const name of Object.keys(vars).filter((key) => key !== 'SEED_DEMO_DATA')) {
      const { [name]: _missing, ...rest } = vars;
      expect(() => composeServices(ROOT, rest)).toThrow(new RegExp(`${name}.*sh docker/create-env\\.sh`));
    }
  });

  it('has an example for every variable it reads, which create-env.sh fills with fresh values', () => {
    const example = readEnvFile(join(ROOT, 'docker', '.env.example'));
    const used = [...readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]!);
    expect(Object.keys(example).sort()).toEqual([...new Set(used)].sort());
    const again = createEnvFile(ROOT);
    for (const [name, value] of Object.entries(vars)) {
      if (example[name] !== '') continue;
      expect([name, value]).toEqual([name, expect.stringMatching(/^[0-9a-f]{64}$/)]);
      expect(again[name]).not.toBe(value);
    }
  });
});

describe('docker/Dockerfile', () => {
  it('builds an image that contains every workspace package', () => {
    const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    for (const workspace of workspaces) expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
  });

  it('runs on a supported Node LTS, in production mode', () => {
    const bases = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((match) => Number(match[1]));
    expect(bases.length).toBeGreaterThan(0);
    for (const major of bases) expect([22, 24]).toContain(major);
    expect(imageEnv(dockerfile)).toMatchObject({ NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: '1' });
  });

  it('never copies an .env with the secrets into the image', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', '**/.env']));
  });
});
