import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { inRepoSubgraphs } from '../scripts/src/lib/stack';
import { createEnvFile } from './support/compose-file';
import { type ComposeTopology, startComposeTopology } from './support/compose-run';
import { post, ROOT } from './support/hub';

// docker-compose.yml started without Docker (see support/compose-run.ts for what is mapped and how): the
// services' own commands, the file's environment on the image's, `.env` written by docker/create-env.sh
// with demo data asked for, roles and databases from docker/postgres-init.sql. Uses the build.
const HUB_WALK = readFileSync(join(ROOT, 'operations', 'HubWalk.graphql'), 'utf8');
const subgraphs = inRepoSubgraphs(ROOT).map((entry) => entry.name);

let vars: Record<string, string>;
let topology: ComposeTopology | undefined;

beforeAll(async () => {
  vars = { ...createEnvFile(ROOT), SEED_DEMO_DATA: 'true' };
  topology = await startComposeTopology(ROOT, vars);
}, 180_000);

afterAll(async () => {
  await topology?.stop();
}, 60_000);

const gatewayUrl = () => `http://${topology!.address('gateway', Number(topology!.services.gateway!.environment.PORT))}/graphql`;

/** Connects as `url` names; resolves to the error's SQLSTATE when PostgreSQL refuses, or null. */
async function connectRefusal(url: string): Promise<string | null> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('docker-compose.yml, started as written', () => {
  it('every service becomes healthy, and the gateway answers a query across all four subgraphs', async () => {
    type Walk = {
      organisation: { name: string; units: { nodes: { locations: { nodes: Site[] } }[] } };
      programme: { operator: { name: string } };
    };
    type Site = { city: string; district: { partners: { nodes: unknown[] } }; programmes: { nodes: unknown[] } };
    const sitesOf = (walk: Walk) => walk.organisation.units.nodes.flatMap((unit) => unit.locations.nodes);
    // Organisations → their sites (locations) → the programmes there, and back to the operator.
    const recklinghausen = await post<Walk>(gatewayUrl(), HUB_WALK);
    expect(recklinghausen.body.errors).toBeUndefined();
    expect(recklinghausen.status).toBe(200);
    expect(recklinghausen.body.data!.organisation.name).toBe('Jobcenter Kreis Recklinghausen');
    expect(sitesOf(recklinghausen.body.data!).map((site) => site.city)).toContain('Recklinghausen');
    expect(sitesOf(recklinghausen.body.data!).some((site) => site.programmes.nodes.length > 0)).toBe(true);
    expect(recklinghausen.body.data!.programme.operator.name).toBe('Jobcenter Kreis Recklinghausen');
    // … and to the partners of the sites' districts.
    const muenster = await post<Walk>(gatewayUrl(), HUB_WALK, { organisationId: 'jobcenter-muenster' });
    expect(muenster.body.errors).toBeUndefined();
    expect(sitesOf(muenster.body.data!).some((site) => site.district.partners.nodes.length > 0)).toBe(true);
  });

  it('runs every service in production mode, with the secrets of .env; the subgraphs answer only the gateway', async () => {
    for (const name of [...subgraphs, 'gateway']) {
      expect(topology!.environments[name]!.NODE_ENV).toBe('production');
      expect(topology!.environments[name]!.GATEWAY_SHARED_SECRET).toBe(vars.GATEWAY_SHARED_SECRET);
    }
    for (const name of subgraphs) {
      expect(topology!.environments[name]!.AUTH_SECRET).toBe(vars.AUTH_SECRET);
      const port = Number(topology!.services[name]!.environment.PORT);
      const direct = await post(`http://${topology!.address(name, port)}/graphql`, '{ __typename }');
      expect(direct.status).toBe(401);
    }
  });

  it("connects each subgraph as its own role: no superuser, owner of its own database, refused by every other subgraph's", async () => {
    for (const name of subgraphs) {
      const url = new URL(topology!.environments[name]!.DATABASE_URL!);
      expect(url.username).toBe(url.pathname.slice(1));
      const own = new Client({ connectionString: url.toString() });
      await own.connect();
      try {
        const { rows } = await own.query<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; owner: string }>(
          `select rolsuper, rolcreatedb, rolcreaterole, pg_get_userbyid(d.datdba) as owner
             from pg_roles r, pg_database d where r.rolname = current_user and d.datname = current_database()`,
        );
        expect(rows).toEqual([{ rolsuper: false, rolcreatedb: false, rolcreaterole: false, owner: url.username }]);
        // Its migrations ran as this role.
        const { rows: migrations } = await own.query<{ count: string }>('select count(*) from mikro_orm_migrations');
        expect(Number(migrations[0]!.count)).toBeGreaterThan(0);
      } finally {
        await own.end();
      }
      for (const other of subgraphs.filter((candidate) => candidate !== name)) {
        const foreign = new URL(url);
        foreign.pathname = `/${new URL(topology!.environments[other]!.DATABASE_URL!).pathname.slice(1)}`;
        // 42501 insufficient_privilege: "permission denied for database …" (CONNECT is revoked from PUBLIC).
        expect([other, await connectRefusal(foreign.toString())]).toEqual([other, '42501']);
      }
      // Nor with the name of PostgreSQL's own database, where it could look around.
      const postgres = new URL(url);
      postgres.pathname = '/postgres';
      expect(await connectRefusal(postgres.toString())).toBe('42501');
    }
  });

  it("gives a subgraph no other subgraph's password and none of them the superuser's", () => {
    const passwords = Object.entries(vars).filter(([key]) => key.endsWith('_PASSWORD'));
    for (const name of [...subgraphs, 'gateway']) {
      const seen = Object.values(topology!.environments[name]!).join('\n');
      for (const [key, value] of passwords) {
        expect([key, seen.includes(value)]).toEqual([key, key === `${name.toUpperCase().replace(/-/g, '_')}_DB_PASSWORD`]);
      }
    }
  });
});
