import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '@jobcenter-hub/service';
import { Kind, parse } from 'graphql';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

const token = async (roles: ('viewer' | 'editor')[]) =>
  `Bearer ${await signDevToken({ subject: 'staff', organisationId: 'jobcenter-muenster', roles }, { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' })}`;

const SUBGRAPHS = ['organisations', 'locations', 'partners', 'programmes'];

describe('cache hints in the subgraph schemas', () => {
  it.each(SUBGRAPHS)('%s: every object type says how long it may be cached', (name) => {
    // The committed SDL is what the code prints (test/composition.test.ts checks that).
    const document = parse(readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8'));
    const withoutHint = document.definitions
      .filter((definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION)
      .filter((definition) => !['Query', 'Mutation'].includes(definition.name.value))
      .filter((definition) => !definition.directives?.some((directive) => directive.name.value === 'cacheControl'))
      .map((definition) => definition.name.value);
    expect(withoutHint).toEqual([]);
  });
});

describe('Cache-Control through the gateway', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({
      gatewayEnv: { GATEWAY_RESPONSE_CACHE_TTL_MS: '60000', GATEWAY_RESPONSE_CACHE_OPERATIONS: 'Reference,Live' },
    });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const REFERENCE = `query Reference { organisation(id: "jobcenter-muenster") {
    name units(first: 3) { nodes { name locations { nodes { name district { name } openingHours { openingHours } } } } }
    programmes { nodes { name } } } }`;
  const LIVE = `query Live { location(id: "loc-jcms-nebenstelle-kinderhaus") { name openingHours { isOpen } } }`;
  const PRIVATE = `query Private { partners(first: 3) { nodes { name liaisons { nodes { id } } } } }`;

  it('marks reference data from several subgraphs public for minutes, and the response cache keeps it', async () => {
    const first = await post(hub.gatewayUrl, REFERENCE);
    expect({ status: first.status, errors: first.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(first.headers.get('cache-control')).toBe('max-age=300, public');
    const second = await post(hub.gatewayUrl, REFERENCE);
    expect(second.headers.get('x-response-cache')).toBe('hit');
    expect(second.headers.get('cache-control')).toBe('max-age=300, public');
    expect(second.body.data).toEqual(first.body.data);
  });

  it('gives an answer with a field computed from the clock a short maxAge', async () => {
    const { status, headers, body } = await post(hub.gatewayUrl, LIVE);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    expect(headers.get('cache-control')).toBe('max-age=30, public');
  });

  it('marks internal fields private for signed-in callers, and an anonymous caller refused them gets no-store', async () => {
    const authorization = await token(['viewer']);
    const signedIn = await post(hub.gatewayUrl, PRIVATE, {}, { authorization });
    expect({ status: signedIn.status, errors: signedIn.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(signedIn.headers.get('cache-control')).toBe('max-age=300, private');
    // Anonymous: the internal field is refused (an error), so nothing may be cached.
    const anonymous = await post(hub.gatewayUrl, PRIVATE);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
  });

  it('never marks a mutation cacheable', async () => {
    const { headers, body } = await post<{ createOrganisation: { id: string } }>(
      hub.gatewayUrl,
      'mutation { createOrganisation(input: { name: "Stadtteilbüro Coerde", kind: CITY_DEPARTMENT }) { id name version } }',
      {},
      { authorization: await token(['editor']) },
    );
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('no-store');
  });
});
