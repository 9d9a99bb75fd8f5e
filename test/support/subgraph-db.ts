import { randomBytes } from 'node:crypto';
import { type EntityManager, MikroORM, type Options } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createLogger } from '@jobcenter-hub/service';
import {
  attachSqlCounter,
  type CoreSubgraph,
  migrateUp,
  type ReferenceSettings,
  type SubgraphParts,
  type SubgraphServerOptions,
} from '@jobcenter-hub/subgraph';
import { newTestSecret, type Peer, peerSpec, startPeer } from './peers';

/**
 * A fresh, migrated database on the test run's PostgreSQL server (embedded by default; see
 * global-setup.ts) for one subgraph test file. `drop()` closes the ORM and removes the database.
 */
export async function createTestOrm(
  prefix: string,
  createConfig: (url: string) => Options,
): Promise<{ orm: MikroORM; drop: () => Promise<void> }> {
  const adminUrl = process.env.HUB_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('HUB_TEST_ADMIN_URL is not set: run the tests with `npm test` (jest global setup)');
  const name = `t_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const orm = await MikroORM.init(createConfig(url.toString()));
  attachSqlCounter(orm);
  await migrateUp(orm);
  return {
    orm,
    drop: async () => {
      await orm.close(true);
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

/** A subgraph under test, as `useTestSubgraph` starts it. */
export interface TestSubgraph<TContext extends object> {
  /** The ORM on the test file's own database (for rows a test writes or reads directly). */
  readonly orm: MikroORM;
  /** The subgraph's real schema and context factory, for `execute`. */
  readonly parts: SubgraphParts<TContext>;
  /**
   * The peer subgraphs started for this file (see `peers`), by name: e.g. `peers.organisations.parts`
   * to create or archive a GRANTS_REFERENCES link with `execute` (test/support/grants.ts `grantReferences`).
   */
  readonly peers: Partial<Record<CoreSubgraph, Peer>>;
  /** Where the subgraph under test finds its peers (shared with them; a test may change `urls`, e.g. to a dead port). */
  readonly references: ReferenceSettings;
}

/**
 * One subgraph for one test file, set up in `beforeAll` and torn down in `afterAll`: a fresh migrated
 * database (`createTestOrm`), the demo data (`seed`), and the subgraph's server parts (`createServer`,
 * not production, silent logger), started. `orm` and `parts` can be read once `beforeAll` has run.
 *
 * References between publishers (issue 12): the subgraph's `ctx.references` answers its own types
 * itself and asks `peers` for the others: each peer is the real subgraph (its `createServer`, its demo
 * data on its own fresh database), served over real HTTP on a free port with a per-file gateway
 * secret, exactly as the hub's subgraphs ask each other. The default peer is `organisations` (every
 * mutation of a caller who is no admin asks whether their organisation exists; the grants live there);
 * name more (`peers: ['organisations', 'locations']`) when the subgraph under test checks references
 * to their records. A peer that is the subgraph under test itself is not started (it answers locally).
 * `referenceCacheMs` (default 0: grants take effect at once) is the grants cache of REFERENCE_CACHE_MS.
 */
export function useTestSubgraph<TContext extends object>(options: {
  /** Prefix of the database's name. */
  database: string;
  createConfig: (url: string) => Options;
  seed: (em: EntityManager) => Promise<unknown>;
  createServer: (orm: MikroORM, options: SubgraphServerOptions) => Promise<SubgraphParts<TContext>>;
  /** The other subgraphs to start for `ctx.references` (default `['organisations']`). */
  peers?: readonly CoreSubgraph[];
  referenceCacheMs?: number;
}): TestSubgraph<TContext> {
  let orm: MikroORM | undefined;
  let parts: SubgraphParts<TContext> | undefined;
  let drop: (() => Promise<void>) | undefined;
  const peers: Partial<Record<CoreSubgraph, Peer>> = {};
  const stops: (() => Promise<void>)[] = [];
  const references: ReferenceSettings = { urls: {}, secret: newTestSecret(), cacheMs: options.referenceCacheMs ?? 0 };

  beforeAll(async () => {
    for (const name of options.peers ?? ['organisations']) {
      const spec = peerSpec(name);
      // The subgraph under test answers its own types itself.
      if (spec.createServer === (options.createServer as unknown)) continue;
      const peer = await startPeer(name, spec, `${options.database}_${name}`, references, createTestOrm);
      stops.push(peer.stop);
      peers[name] = peer;
      references.urls[name] = peer.url;
    }
    ({ orm, drop } = await createTestOrm(options.database, options.createConfig));
    await options.seed(orm.em.fork());
    parts = await options.createServer(orm, { production: false, logger: createLogger('test', 'silent'), references });
    await parts.apollo.start();
  });

  afterAll(async () => {
    await parts?.apollo.stop();
    await drop?.();
    for (const stop of stops.reverse()) await stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${options.database} test subgraph is not started: read it inside a test or hook`);
    return value;
  };
  return {
    get orm() {
      return started(orm);
    },
    get parts() {
      return started(parts);
    },
    peers,
    references,
  };
}
