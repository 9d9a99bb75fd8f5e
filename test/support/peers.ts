import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { EntityManager, MikroORM, Options } from '@mikro-orm/postgresql';
import { acceptedSubgraphSecrets, ANONYMOUS, closeGracefully, createHttpServer, createLogger, listen } from '@jobcenter-hub/service';
import type { CoreSubgraph, ReferenceSettings, SubgraphParts, SubgraphServerOptions } from '@jobcenter-hub/subgraph';
import { createLocationsOrmConfig } from '../../subgraphs/locations/src/mikro-orm.config';
import { seedIfEmpty as seedLocations } from '../../subgraphs/locations/src/seeders/demo.seeder';
import { createServer as createLocationsServer } from '../../subgraphs/locations/src/server';
import { createOrganisationsOrmConfig } from '../../subgraphs/organisations/src/mikro-orm.config';
import { seedIfEmpty as seedOrganisations } from '../../subgraphs/organisations/src/seeders/demo.seeder';
import { createServer as createOrganisationsServer } from '../../subgraphs/organisations/src/server';
import { createPartnersOrmConfig } from '../../subgraphs/partners/src/mikro-orm.config';
import { seedIfEmpty as seedPartners } from '../../subgraphs/partners/src/seeders/demo.seeder';
import { createServer as createPartnersServer } from '../../subgraphs/partners/src/server';
import { createProgrammesOrmConfig } from '../../subgraphs/programmes/src/mikro-orm.config';
import { seedIfEmpty as seedProgrammes } from '../../subgraphs/programmes/src/seeders/demo.seeder';
import { createServer as createProgrammesServer } from '../../subgraphs/programmes/src/server';

/**
 * The real subgraphs other subgraphs' tests start next to themselves so that `ctx.references` answers
 * from real code on real databases (see `useTestSubgraph`'s `peers`).
 */
export interface PeerSpec {
  createConfig: (url: string) => Options;
  seed: (em: EntityManager) => Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createServer: (orm: MikroORM, options: SubgraphServerOptions) => Promise<SubgraphParts<any>>;
}

const PEERS: Record<CoreSubgraph, PeerSpec> = {
  organisations: { createConfig: createOrganisationsOrmConfig, seed: seedOrganisations, createServer: createOrganisationsServer },
  locations: { createConfig: createLocationsOrmConfig, seed: seedLocations, createServer: createLocationsServer },
  partners: { createConfig: createPartnersOrmConfig, seed: seedPartners, createServer: createPartnersServer },
  programmes: { createConfig: createProgrammesOrmConfig, seed: (em) => seedProgrammes(em), createServer: createProgrammesServer },
};

export const peerSpec = (name: CoreSubgraph): PeerSpec => PEERS[name];

/** One peer subgraph, started: its database, its server parts, and its HTTP server (GraphQL and internal endpoints). */
export interface Peer {
  readonly name: CoreSubgraph;
  readonly orm: MikroORM;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly parts: SubgraphParts<any>;
  /** Its GraphQL URL (`http://127.0.0.1:<port>/graphql`); the internal endpoints are next to it. */
  readonly url: string;
  readonly server: Server;
}

/** A random gateway secret for one test file's peers (they refuse calls without it, as in production). */
export const newTestSecret = () => randomBytes(24).toString('base64url');

/**
 * Starts `spec` as peer `name` on its own fresh database with its demo data, served over HTTP on a free
 * port of 127.0.0.1 with `settings.secret` as the gateway's master secret (the peer accepts its derived
 * credential, which `ctx.references` sends, and the master). `settings` is shared by every peer and
 * the subgraph under test; the caller adds this peer's URL to it.
 */
export async function startPeer(
  name: CoreSubgraph,
  spec: PeerSpec,
  database: string,
  settings: ReferenceSettings,
  createTestOrm: (prefix: string, createConfig: (url: string) => Options) => Promise<{ orm: MikroORM; drop: () => Promise<void> }>,
): Promise<Peer & { stop: () => Promise<void> }> {
  const { orm, drop } = await createTestOrm(database, spec.createConfig);
  await spec.seed(orm.em.fork());
  const logger = createLogger(`peer-${name}`, 'silent');
  const parts = await spec.createServer(orm, { production: false, logger, references: settings });
  await parts.apollo.start();
  const server = createHttpServer({
    apollo: parts.apollo,
    context: ({ requestId }) => parts.context({ requestId, caller: ANONYMOUS }),
    logger,
    // As runSubgraph: its own credential derived from the master (what its peers send), and the master.
    sharedSecret: acceptedSubgraphSecrets(name, { master: settings.secret }),
    internal: parts.internal,
    readiness: async () => ({ database: true }),
  });
  const url = await listen(server, 0, '127.0.0.1');
  return {
    name,
    orm,
    parts,
    url,
    server,
    stop: async () => {
      await closeGracefully(server, 1000);
      await parts.apollo.stop();
      await drop();
    },
  };
}
