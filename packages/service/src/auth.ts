import { createHmac, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { ErrorCode } from './errors';

export type Role = 'viewer' | 'editor' | 'admin';
const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

/** Who is calling: nobody, or a person of an organisation with roles. */
export type Caller = { kind: 'anonymous' } | { kind: 'user'; subject: string; organisationId: string; roles: ReadonlySet<Role> };

export const ANONYMOUS: Caller = { kind: 'anonymous' };

/** The development key: known to everyone, refused in production. */
export const DEV_SECRET = 'jobcenter-hub-development-secret-do-not-use-in-production';

export interface AuthSettings {
  issuer: string;
  audience: string;
  /** Production: the identity provider's JWKS. */
  jwksUrl?: string;
  /** Development: an HS256 shared secret (default DEV_SECRET). */
  secret?: string;
}

/** Verifies bearer tokens: signature, issuer, audience, expiry; returns the caller they name. */
export interface TokenVerifier {
  callerFrom(authorization: string | undefined): Promise<Caller>;
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } } });

/**
 * The identity provider's key set could not be fetched (connection refused or reset, timeout, an answer
 * other than 200): not the caller's fault, so not UNAUTHENTICATED.
 */
function keysUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_JWKS_TIMEOUT') return true;
  if (code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set HTTP response/.test(String((error as Error).message))) return true;
  // Node's own network errors (ECONNREFUSED, ECONNRESET, ENOTFOUND, …), not jose's ERR_… codes.
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

const keysUnreachable = () =>
  new GraphQLError("the identity provider's keys could not be fetched; try again shortly", {
    extensions: { code: ErrorCode.Unavailable, http: { status: 503 } },
  });

export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const key: JWTVerifyGetKey | Uint8Array = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(settings.secret ?? DEV_SECRET);
  return {
    async callerFrom(authorization) {
      if (!authorization) return ANONYMOUS;
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
      if (!match) throw unauthenticated('authorization must be "Bearer <token>"');
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(match[1]!, key as never, {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: settings.jwksUrl ? undefined : ['HS256'],
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (settings.jwksUrl && keysUnavailable(error)) throw keysUnreachable();
        throw unauthenticated(code === 'ERR_JWT_EXPIRED' ? 'the token has expired' : 'the token is not valid for this hub');
      }
      const organisationId = payload.org;
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Role => ROLES.includes(role as Role)) : [];
      if (typeof organisationId !== 'string' || organisationId.length === 0 || roles.length === 0) {
        throw unauthenticated('the token names no organisation (org) or no role (roles)');
      }
      return { kind: 'user', subject: String(payload.sub), organisationId, roles: new Set(roles) };
    },
  };
}

/** Signs a development token (`npm run token`); tests use it too. */
export async function signDevToken(
  claims: { subject: string; organisationId: string; roles: Role[] },
  options: { issuer: string; audience: string; secret?: string; expiresIn?: string | number },
): Promise<string> {
  return new SignJWT({ org: claims.organisationId, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(options.secret ?? DEV_SECRET));
}

export const hasRole = (caller: Caller, role: Role): boolean =>
  caller.kind === 'user' && (caller.roles.has(role) || caller.roles.has('admin') || (role === 'viewer' && caller.roles.has('editor')));

/** Reads need a viewer (or more) of any organisation. */
export function assertViewer(caller: Caller): void {
  if (caller.kind === 'anonymous') {
    throw new GraphQLError('sign in to see this field', { extensions: { code: ErrorCode.Unauthenticated } });
  }
  if (!hasRole(caller, 'viewer')) throw new GraphQLError('you may not see this field', { extensions: { code: ErrorCode.Forbidden } });
}

/** Writes need an editor of the owning organisation, or an admin. */
export function assertCanWrite(caller: Caller, ownerId: string): void {
  if (caller.kind === 'anonymous') {
    throw new GraphQLError('sign in to change data', { extensions: { code: ErrorCode.Unauthenticated } });
  }
  if (caller.roles.has('admin')) return;
  if (caller.roles.has('editor') && caller.organisationId === ownerId) return;
  throw new GraphQLError(`only editors of ${ownerId} may change this record`, { extensions: { code: ErrorCode.Forbidden, ownerId } });
}

export function assertAdmin(caller: Caller): void {
  if (caller.kind === 'anonymous') throw new GraphQLError('sign in first', { extensions: { code: ErrorCode.Unauthenticated } });
  if (!caller.roles.has('admin')) throw new GraphQLError('only admins may do this', { extensions: { code: ErrorCode.Forbidden } });
}

/** The header the gateway proves itself with when GATEWAY_SHARED_SECRET is set. */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

/** Derived credentials by master and name: a subgraph asks its peers', a gateway probes with them, again and again. */
const credentials = new Map<string, Map<string, string>>();

/**
 * The credential of subgraph `name` under the gateway's master secret (GATEWAY_SHARED_SECRET):
 * HMAC-SHA256(master, name) in hex. The gateway sends each subgraph its own in `x-gateway-secret`; a
 * department's service is given only its own (SUBGRAPH_SECRET, `npm run subgraph:credential <name>`),
 * which opens no other subgraph. Whoever holds the master can derive every credential.
 */
export function subgraphCredential(master: string, name: string): string {
  let byName = credentials.get(master);
  if (!byName) {
    byName = new Map();
    credentials.set(master, byName);
  }
  let credential = byName.get(name);
  if (credential === undefined) {
    credential = createHmac('sha256', master).update(name, 'utf8').digest('hex');
    byName.set(name, credential);
  }
  return credential;
}

/**
 * What subgraph `name` accepts in `x-gateway-secret`: its own credential (SUBGRAPH_SECRET, or derived
 * from the master) and, where the master itself is configured (the hub's own subgraphs), the master —
 * which adds nothing, as its holder can derive every credential. Empty: none configured (development).
 */
export function acceptedSubgraphSecrets(name: string, env: { master?: string; own?: string }): string[] {
  const own = env.own ?? (env.master ? subgraphCredential(env.master, name) : undefined);
  return [own, env.master].filter((value): value is string => !!value);
}

/** Compares a presented secret with the configured one in constant time. */
export function secretMatches(presented: string | undefined, expected: string): boolean {
  return secretsMatcher([expected])(presented);
}

/**
 * Whether a presented secret is one of `expected` (each compared in constant time). The expected
 * secrets' bytes are made once, here: per request only the presented value is encoded.
 */
export function secretsMatcher(expected: readonly string[]): (presented: string | undefined) => boolean {
  const wanted = expected.map((secret) => Buffer.from(secret));
  return (presented) => {
    if (presented === undefined) return false;
    const given = Buffer.from(presented);
    return wanted.some((secret) => given.length === secret.length && timingSafeEqual(given, secret));
  };
}
