import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { inRepoSubgraphs, subgraphUrlVariable } from '../scripts/src/lib/stack';
import { ROOT } from './support/hub';

// No Docker engine runs here: these checks keep docker-compose.yml and the Dockerfile in step with the
// topology that `npm start` and the tests run.
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown>; healthcheck?: { test: string[] } }
  >;
};
// Subgraphs from outside the repository (an SDL file and a URL in supergraph.yaml) run elsewhere.
const subgraphs = inRepoSubgraphs(ROOT);
const initSql = readFileSync(join(ROOT, 'docker', 'postgres-init.sql'), 'utf8');

describe('docker-compose.yml', () => {
  it.each(subgraphs.map((entry) => [entry.name, entry] as const))('runs subgraph %s on its own database and port', (name, entry) => {
    const service = compose.services[name]!;
    expect(service.command).toEqual(['node', `subgraphs/${name}/dist/main.js`]);
    const database = new URL(service.environment!.DATABASE_URL!).pathname.slice(1);
    expect(initSql).toContain(`CREATE DATABASE ${database};`);
    expect(service.environment!.PORT).toBe(new URL(entry.routingUrl).port);
    expect(service.healthcheck!.test.join(' ')).toContain(`:${service.environment!.PORT}/ready`);
  });

  it('gives each subgraph its own database', () => {
    const databases = subgraphs.map((entry) => compose.services[entry.name]!.environment!.DATABASE_URL);
    expect(new Set(databases).size).toBe(subgraphs.length);
  });

  it('points the gateway at every subgraph and waits for them', () => {
    const gateway = compose.services.gateway!;
    for (const entry of subgraphs) {
      const port = new URL(entry.routingUrl).port;
      expect(gateway.environment![subgraphUrlVariable(entry.name)]).toBe(`http://${entry.name}:${port}/graphql`);
      expect(gateway.depends_on).toHaveProperty(entry.name);
    }
  });

  it('builds an image that contains every workspace package', () => {
    const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
    const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    for (const workspace of workspaces) expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
  });
});
