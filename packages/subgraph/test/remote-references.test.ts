import { type AddressInfo, createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import { graphql, GraphQLError, type GraphQLSchema } from 'graphql';
import { Mutation, Query, Resolver } from 'type-graphql';
import {
  assertReference,
  assertReferences,
  buildFederatedSchema,
  createRequestContextFactory,
  grantKey,
  internalUrl,
  type ReferenceSettings,
  ReferenceSource,
  type ReferenceType,
} from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import type { Caller } from '@jobcenter-hub/service';
import { asUser, execute } from '../../../test/support/execute';
import { newTestSecret, type Peer, peerSpec, startPeer } from '../../../test/support/peers';
import { createTestOrm } from '../../../test/support/subgraph-db';
import { Organisation } from '../../../subgraphs/organisations/src/modules/organisation/organisation.entity';

/**
 * `ReferenceSource` (remote-references.ts) against the real organisations and locations subgraphs,
 * served over HTTP with a gateway secret, on their own databases with the demo data.
 */
const settings: ReferenceSettings = { urls: {}, secret: newTestSecret(), cacheMs: 0 };
const peers: Partial<Record<'organisations' | 'locations', Peer & { stop: () => Promise<void> }>> = {};
let orm: MikroORM;
let dropOwn: () => Promise<void>;
let requests = 0;

const MS = demo.demoIds.jobcenterMuenster;
const RE = demo.demoIds.jobcenterRecklinghausen;
const MS_SITE = demo.demoIds.location(demo.demoIds.msBranch(demo.MUENSTER_BRANCHES[0]!.slug));
const RE_SITE = 'loc-jcre-jobakademie-1';
const ADMIN = asUser(MS, 'admin');

/** A source as another subgraph (programmes, say) has it: nothing local, everything asked over HTTP. */
const remoteSource = (overrides: Partial<ReferenceSettings> = {}) => new ReferenceSource(orm, { types: {} }, { ...settings, ...overrides });
const requestOf = (source: ReferenceSource) => ({ references: source.forRequest(orm.em.fork()) });

beforeAll(async () => {
  for (const name of ['organisations', 'locations'] as const) {
    const peer = await startPeer(name, peerSpec(name), `refs_${name}`, settings, createTestOrm);
    peer.server.on('request', () => (requests += 1));
    peers[name] = peer;
    settings.urls[name] = peer.url;
  }
  // The subgraph "under test" needs an ORM of its own (any migrated database does).
  ({ orm, drop: dropOwn } = await createTestOrm('refs_own', peerSpec('partners').createConfig as (url: string) => Options));
});

afterAll(async () => {
  await dropOwn?.();
  for (const peer of Object.values(peers)) await peer.stop();
});

async function grant(granterId: string, granteeId: string): Promise<{ id: string; version: number }> {
  const { data, errors } = await execute<{ createOrganisationLink: { id: string; version: number } }>(
    peers.organisations!.parts,
    `mutation ($input: CreateOrganisationLinkInput!) { createOrganisationLink(input: $input) { id version } }`,
    { input: { organisationId: granterId, ownerId: granterId, linkedId: granteeId, relation: 'GRANTS_REFERENCES' } },
    ADMIN,
  );
  expect(errors).toBeUndefined();
  return data!.createOrganisationLink;
}

async function revoke(link: { id: string; version: number }): Promise<void> {
  const { errors } = await execute(
    peers.organisations!.parts,
    `mutation ($id: ID!, $version: Int!) { archiveOrganisationLink(id: $id, version: $version) { id } }`,
    link,
    ADMIN,
  );
  expect(errors).toBeUndefined();
}

async function post(path: string, body: unknown, secret: string | null = settings.secret ?? null) {
  const response = await fetch(internalUrl(peers.locations!.url, path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-gateway-secret': secret } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the internal endpoints', () => {
  it('refuse callers without the gateway secret (401), and with a wrong one', async () => {
    expect((await post('/internal/references', { type: 'Location', ids: [MS_SITE] }, null)).status).toBe(401);
    expect((await post('/internal/references', { type: 'Location', ids: [MS_SITE] }, 'x'.repeat(32))).status).toBe(401);
    const grants = await fetch(internalUrl(peers.organisations!.url, '/internal/grants'));
    expect(grants.status).toBe(401);
  });

  it('answer states of their own types: owner and archived; unknown ids are missing', async () => {
    const { status, body } = await post('/internal/references', { type: 'Location', ids: [MS_SITE, RE_SITE, 'no-such-site'] });
    expect(status).toBe(200);
    expect(body.states).toEqual(
      expect.arrayContaining([
        { id: MS_SITE, ownerId: MS, archived: false },
        { id: RE_SITE, ownerId: RE, archived: false },
      ]),
    );
    expect(body.states).toHaveLength(2);
  });

  it('refuse a type the subgraph does not own, more than 1000 ids, and ids that are not a list (400)', async () => {
    expect((await post('/internal/references', { type: 'Partner', ids: ['x'] })).status).toBe(400);
    expect((await post('/internal/references', { type: 'Location', ids: Array.from({ length: 1001 }, (_, i) => `x${i}`) })).status).toBe(
      400,
    );
    expect((await post('/internal/references', { type: 'Location', ids: 'x' })).status).toBe(400);
  });
});

describe('References.state', () => {
  it('asks each owning subgraph once per type for all ids of a tick (batching), and knows owners and municipality keys', async () => {
    const { references } = requestOf(remoteSource());
    const before = requests;
    const asked: [ReferenceType, string][] = [
      ['Location', MS_SITE],
      ['Location', RE_SITE],
      ['Location', 'no-such-site'],
      ['Organisation', MS],
      ['Organisation', demo.demoIds.kreisRecklinghausen],
      ['OrganisationUnit', demo.demoIds.reHeadquarters],
    ];
    const states = await Promise.all(asked.map(([type, id]) => references.state(type, id)));
    expect(requests - before).toBe(3);
    expect(states.map((state) => state?.ownerId ?? null)).toEqual([MS, RE, null, MS, demo.demoIds.kreisRecklinghausen, RE]);
    expect(states[3]!.municipalityKeys).toEqual([demo.MUENSTER.ags]);
    // Asked again in the same request: answered from the request's loader.
    await references.state('Location', MS_SITE);
    expect(requests - before).toBe(3);
  });

  it('reports archived records as archived', async () => {
    const site = 'loc-jcre-jobakademie-3';
    await peers.locations!.orm.em.getConnection().execute(`update location set archived_at = now() where id = ?`, [site]);
    try {
      const { references } = requestOf(remoteSource());
      expect(await references.state('Location', site)).toEqual({ id: site, ownerId: RE, archived: true });
    } finally {
      await peers.locations!.orm.em.getConnection().execute(`update location set archived_at = null where id = ?`, [site]);
    }
  });

  it('is SERVICE_UNAVAILABLE naming the subgraph when it is down, does not answer in time, or has no URL', async () => {
    const closed = await freePort();
    const silent = await silentServer();
    try {
      const down = requestOf(remoteSource({ urls: { ...settings.urls, locations: `http://127.0.0.1:${closed}/graphql` } }));
      const slow = requestOf(
        remoteSource({
          urls: { ...settings.urls, locations: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql` },
          timeoutMs: 300,
        }),
      );
      const none = requestOf(new ReferenceSource(orm, { types: {} }, { urls: {} }));
      for (const { references } of [down, slow, none]) {
        const error = await references.state('Location', MS_SITE).then(unexpected, refusal);
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', subgraph: 'locations' });
      }
      const grants = await none.references.grants().then(unexpected, refusal);
      expect((grants as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', subgraph: 'organisations' });
    } finally {
      silent.close();
    }
  });

  it('answers its own types locally, without HTTP', async () => {
    const organisations = peers.organisations!;
    const local = new ReferenceSource(organisations.orm, { types: { Organisation: { entity: Organisation } } }, { urls: {} });
    const before = requests;
    expect(await local.forRequest(organisations.orm.em.fork()).state('Organisation', RE)).toMatchObject({
      id: RE,
      ownerId: RE,
      archived: false,
    });
    expect(requests).toBe(before);
  });
});

describe('References.grants and assertReference', () => {
  const target = (id: string) => ({ type: 'Location' as const, id, label: 'site', field: 'input.venueIds' });

  it('own targets pass; foreign ones need a live grant; unknown and archived ones are BAD_USER_INPUT', async () => {
    const ctx = requestOf(remoteSource());
    expect(await assertReference(ctx, target(MS_SITE), MS)).toMatchObject({ ownerId: MS });
    const refused = await assertReference(ctx, target(RE_SITE), MS).then(unexpected, refusal);
    expect(refused.message).toBe(`input.venueIds: site "${RE_SITE}" belongs to ${RE}, which has not granted references to ${MS}`);
    expect(refused.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'input.venueIds', ownerId: RE });
    const unknown = await assertReference(ctx, target('no-such-site'), MS).then(unexpected, refusal);
    expect(unknown.message).toBe('input.venueIds: no site "no-such-site"');
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.venueIds' });
    const archived = await assertReference(ctx, target(RE_SITE), RE, { id: RE_SITE, ownerId: RE, archived: true }).then(
      unexpected,
      refusal,
    );
    expect(archived.message).toBe(`input.venueIds: site "${RE_SITE}" is archived`);
  });

  it('a grant allows the foreign target at once (writes ask fresh), and its revocation refuses it again', async () => {
    const link = await grant(RE, MS);
    try {
      expect(await assertReference(requestOf(remoteSource()), target(RE_SITE), MS)).toMatchObject({ ownerId: RE });
    } finally {
      await revoke(link);
    }
    const error = await assertReference(requestOf(remoteSource()), target(RE_SITE), MS).then(unexpected, refusal);
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reads use the cached grants until REFERENCE_CACHE_MS has passed; { fresh: true } asks anew', async () => {
    const source = remoteSource({ cacheMs: 3_600_000 });
    const first = await requestOf(source).references.grants();
    expect(first.has(grantKey(RE, MS))).toBe(false);
    const link = await grant(RE, MS);
    try {
      expect((await requestOf(source).references.grants()).has(grantKey(RE, MS))).toBe(false);
      expect((await requestOf(source).references.grants({ fresh: true })).has(grantKey(RE, MS))).toBe(true);
      // A fresh answer refreshes the cache for later reads.
      expect((await requestOf(source).references.grants()).has(grantKey(RE, MS))).toBe(true);
    } finally {
      await revoke(link);
    }
  });

  it('assertReferences asks once per type and reports the first failing reference, in order', async () => {
    const ctx = requestOf(remoteSource());
    const before = requests;
    const error = await assertReferences(ctx, [target(MS_SITE), target('no-such-site'), target(RE_SITE)], MS).then(unexpected, refusal);
    expect(error.message).toBe('input.venueIds: no site "no-such-site"');
    expect(requests - before).toBe(1);
  });
});

describe("a writer's organisation must be in the hub (item 3), asked of the organisations subgraph", () => {
  let written = 0;
  @Resolver()
  class WriterProbe {
    @Query(() => Boolean)
    probe(): boolean {
      return true;
    }

    @Mutation(() => Boolean)
    writeSomething(): boolean {
      written += 1;
      return true;
    }
  }
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildFederatedSchema({ resolvers: [WriterProbe], validate: true }, {});
  });
  /** The mutation as a subgraph without organisations of its own runs it (`ctx.references` over HTTP). */
  const write = async (caller: Caller, overrides: Partial<ReferenceSettings> = {}) => {
    const context = await createRequestContextFactory(() => ({}))(orm, undefined, remoteSource(overrides))({ requestId: 'test', caller });
    return graphql({ schema, source: 'mutation { writeSomething }', contextValue: context });
  };
  const codes = (result: { errors?: readonly GraphQLError[] }) => result.errors?.map((error) => error.extensions.code);

  it('runs for an editor of a live organisation; FORBIDDEN, before the resolver, for an unknown or archived one', async () => {
    written = 0;
    expect((await write(asUser(MS, 'editor'))).errors).toBeUndefined();
    expect(written).toBe(1);
    const unknown = await write(asUser('no-such-organisation', 'editor'));
    expect(codes(unknown)).toEqual(['FORBIDDEN']);
    expect(unknown.errors![0]!.message).toBe('your organisation "no-such-organisation" is not in the hub (or archived)');
    await peers.organisations!.orm.em.getConnection().execute(`update organisation set archived_at = now() where id = 'stadt-marl'`);
    try {
      expect(codes(await write(asUser('stadt-marl', 'editor')))).toEqual(['FORBIDDEN']);
    } finally {
      await peers.organisations!.orm.em.getConnection().execute(`update organisation set archived_at = null where id = 'stadt-marl'`);
    }
    expect(written).toBe(1);
  });

  it('is SERVICE_UNAVAILABLE naming organisations while it is down, and the resolver does not run; admins are not asked', async () => {
    written = 0;
    const down = { urls: { ...settings.urls, organisations: `http://127.0.0.1:${await freePort()}/graphql` } };
    const result = await write(asUser(MS, 'editor'), down);
    expect(codes(result)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(result.errors![0]!.extensions.subgraph).toBe('organisations');
    expect(written).toBe(0);
    expect((await write(asUser('no-such-organisation', 'admin'), down)).errors).toBeUndefined();
    expect(written).toBe(1);
  });
});

/** A promise that should have been refused. */
const unexpected = (value: unknown): never => {
  throw new Error(`expected a refusal, got ${JSON.stringify(value)}`);
};
const refusal = (error: unknown): GraphQLError => {
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Accepts connections and never answers. */
function silentServer(): Promise<NetServer> {
  return new Promise((resolve) => {
    const sockets = new Set<Socket>();
    const server = createNetServer((socket) => sockets.add(socket));
    const close = server.close.bind(server);
    server.close = ((callback?: (error?: Error) => void) => {
      for (const socket of sockets) socket.destroy();
      return close(callback);
    }) as typeof server.close;
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
