import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import { createTokenVerifier, secretMatches, secretsMatcher, signDevToken, subgraphCredential } from '../src/auth';

/**
 * Production sign-in: tokens of an identity provider, verified against its JWKS (here served on
 * loopback). The development secret must not open a hub configured with a JWKS.
 */
const ISSUER = 'https://login.example.org/realms/jobcenter';
const AUDIENCE = 'jobcenter-hub';

let jwks: Server;
let jwksUrl: string;
let jwksRequests = 0;
let signingKey: KeyLike;
let otherKey: KeyLike;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'hub-1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_request, response) => {
    jwksRequests += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`;
});

afterAll(async () => {
  await new Promise((resolve) => jwks?.close(resolve));
});

const token = (
  key: KeyLike,
  claims: Record<string, unknown> = {},
  options: { audience?: string; expires?: string | number; kid?: string } = {},
) =>
  new SignJWT({ org: 'jobcenter-muenster', roles: ['editor'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'hub-1' })
    .setSubject('staff-42')
    .setIssuer(ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '5m')
    .sign(key);

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: { code?: string } };
    return { message, code: extensions.code };
  }
  throw new Error('the token was accepted');
};

describe('tokens of an identity provider, verified against its JWKS', () => {
  it("accepts the provider's token and names the caller", async () => {
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl });
    const caller = await verifier.callerFrom(`Bearer ${await token(signingKey)}`);
    expect(caller).toEqual({ kind: 'user', subject: 'staff-42', organisationId: 'jobcenter-muenster', roles: new Set(['editor']) });
    // The key set is fetched once and kept, not per request.
    const before = jwksRequests;
    await verifier.callerFrom(`Bearer ${await token(signingKey, { roles: ['viewer'] })}`);
    expect(jwksRequests).toBe(before);
  });

  it('refuses a token signed with another key, for another audience, expired, or with the development secret', async () => {
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl });
    const invalid = { code: 'UNAUTHENTICATED', message: 'the token is not valid for this hub' };
    expect(await refusal(verifier.callerFrom(`Bearer ${await token(otherKey)}`))).toEqual(invalid);
    expect(await refusal(verifier.callerFrom(`Bearer ${await token(otherKey, {}, { kid: 'unknown' })}`))).toEqual(invalid);
    expect(await refusal(verifier.callerFrom(`Bearer ${await token(signingKey, {}, { audience: 'another-app' })}`))).toEqual(invalid);
    expect(
      await refusal(verifier.callerFrom(`Bearer ${await token(signingKey, {}, { expires: Math.floor(Date.now() / 1000) - 60 })}`)),
    ).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'the token has expired',
    });
    const devToken = await signDevToken(
      { subject: 'x', organisationId: 'jobcenter-muenster', roles: ['admin'] },
      { issuer: ISSUER, audience: AUDIENCE },
    );
    expect(await refusal(verifier.callerFrom(`Bearer ${devToken}`))).toEqual(invalid);
  });

  it('says the identity provider is unreachable, rather than blaming the token, when its keys cannot be fetched', async () => {
    const closed = await new Promise<string>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(`http://127.0.0.1:${port}/certs`));
      });
    });
    const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: closed });
    expect(await refusal(verifier.callerFrom(`Bearer ${await token(signingKey)}`))).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      message: "the identity provider's keys could not be fetched; try again shortly",
    });
  });
});

describe('shared secrets', () => {
  it('match only the very secret, of any of several', () => {
    const matches = secretsMatcher(['first-secret-0123456789', 'second-secret-0123456789']);
    expect(matches('first-secret-0123456789')).toBe(true);
    expect(matches('second-secret-0123456789')).toBe(true);
    expect(matches('first-secret-012345678')).toBe(false);
    expect(matches('first-secret-01234567890')).toBe(false);
    expect(matches('')).toBe(false);
    expect(matches(undefined)).toBe(false);
    expect(secretsMatcher([])('anything')).toBe(false);
    expect(secretMatches('first-secret-0123456789', 'first-secret-0123456789')).toBe(true);
    expect(secretMatches('first-secret-0123456789', 'second-secret-0123456789')).toBe(false);
  });

  it('derive each credential as HMAC-SHA256(master, name), also when asked again or under another master', () => {
    const hmac = (master: string, name: string) => createHmac('sha256', master).update(name, 'utf8').digest('hex');
    for (const master of ['master-one-0123456789', 'master-two-0123456789', 'master-one-0123456789'])
      for (const name of ['locations', 'partners', 'locations'])
        expect([master, name, subgraphCredential(master, name)]).toEqual([master, name, hmac(master, name)]);
  });
});
