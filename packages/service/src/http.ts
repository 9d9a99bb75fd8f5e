import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ANONYMOUS, type Caller, GATEWAY_SECRET_HEADER, secretMatches, secretsMatcher } from './auth';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import { countSql } from './sql-count';
import { flushTracing } from './tracing';

/** What `/ready` reports: ready only when every check passes. */
export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export interface HttpServiceOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context; gets the request's headers, its request id and the caller. */
  context: (request: { headers: HeaderMap; requestId: string; caller: Caller }) => Promise<TContext>;
  /** Who the `authorization` header names (throws UNAUTHENTICATED for a bad token); absent: anonymous. */
  authenticate?: (authorization: string | undefined) => Promise<Caller>;
  /**
   * When set, GraphQL requests without this value (or one of these: `acceptedSubgraphSecrets`) in
   * `x-gateway-secret` get 401: only the gateway may call. An empty list is none.
   */
  sharedSecret?: string | readonly string[];
  logger: Logger;
  readiness: ReadinessCheck;
  /** Largest accepted request body; larger bodies get 413 before any parsing. */
  maxBodyBytes?: number;
  /** Adds `x-sql-statements` to each response (the statements the request sent to PostgreSQL). */
  exposeSqlCount?: boolean;
  /** Served at `/metrics` in Prometheus' text format. */
  metrics?: ServiceMetrics;
  /**
   * When set, `/metrics` answers only `authorization: Bearer <metricsToken>` (or the `sharedSecret` in
   * `x-gateway-secret`); with neither configured it is open (development).
   */
  metricsToken?: string;
  /**
   * Served at `/health/details` as JSON behind the same check as `/metrics` (the gateway: the state of
   * each subgraph); absent: 404.
   */
  details?: () => Promise<unknown>;
  /**
   * Asked before a GraphQL request's body is read (the gateway's rate limit): undefined lets it through;
   * otherwise it gets 429 RATE_LIMITED with `Retry-After: retryAfterS`.
   */
  admit?: (request: { headers: IncomingHttpHeaders; address: string | undefined }) => Promise<{ retryAfterS: number } | undefined>;
  /**
   * Answers the service's internal endpoints (`/internal/...`, e.g. a subgraph's `/internal/references`),
   * outside GraphQL: the same `sharedSecret` check as `/graphql` (401 without it), the body read within
   * `maxBodyBytes` and parsed as JSON. Returns undefined for a path it does not know (404).
   */
  internal?: InternalHandler;
}

/** One call of an internal endpoint: method, path (`/internal/...`) and the parsed JSON body (undefined when empty). */
export interface InternalRequest {
  method: string;
  path: string;
  body: unknown;
}
export type InternalHandler = (request: InternalRequest) => Promise<{ status: number; body: unknown } | undefined>;
export const INTERNAL_PATH_PREFIX = '/internal/';

export const GRAPHQL_PATH = '/graphql';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** How long the rest of a refused body is read (and dropped) after the 413 before the connection is cut. */
const BODY_DRAIN_MS = 5_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * The request body as text, at most `limit` bytes. A larger body — declared, or found while reading a
 * chunked one — is refused with 413: the rest is read and dropped (not kept) so the client, still
 * sending, can read the answer; the handler closes the connection after it (`connection: close`).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      reject(new HttpError(413, `request body larger than ${limit} bytes`, 'PAYLOAD_TOO_LARGE'));
      req.removeListener('data', collect);
      req.resume();
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    };
    if (declared > limit) {
      tooLarge();
      return;
    }
    req.on('data', collect);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** How deep a JSON request body may nest: enough for any variables of the schema, far below what recursion in later steps survives. */
const MAX_JSON_DEPTH = 64;

/** Whether `value` nests deeper than `max` (counted without recursion, so that any depth is safe). */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.toLowerCase().includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'request body is not valid JSON', 'BAD_REQUEST');
    }
    if (nestsDeeperThan(body, MAX_JSON_DEPTH))
      throw new HttpError(400, `request body nests deeper than ${MAX_JSON_DEPTH} levels`, 'BAD_REQUEST');
    return body;
  }
  return raw;
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The configured shared secrets as a list (none: empty). */
const sharedSecrets = (secret: HttpServiceOptions<BaseContext>['sharedSecret']): readonly string[] =>
  (typeof secret === 'string' ? [secret] : (secret ?? [])).filter((value) => value.length > 0);

/** The configured secrets, their bytes made once: per request only the presented value is encoded. */
interface Secrets {
  count: number;
  /** Whether the request presents one of them in `x-gateway-secret` (each compared in constant time). */
  presentedBy(req: IncomingMessage): boolean;
}

function secretsOf(secret: HttpServiceOptions<BaseContext>['sharedSecret']): Secrets {
  const list = sharedSecrets(secret);
  const matches = secretsMatcher(list);
  return { count: list.length, presentedBy: (req) => matches(firstHeader(req.headers[GATEWAY_SECRET_HEADER])) };
}

/** Whether `/metrics` may answer this request: open only when neither a metrics token nor a shared secret is configured. */
function metricsAllowed(req: IncomingMessage, options: Pick<HttpServiceOptions<BaseContext>, 'metricsToken'>, secrets: Secrets): boolean {
  if (!options.metricsToken && secrets.count === 0) return true;
  const bearer = /^Bearer (.+)$/i.exec(firstHeader(req.headers.authorization) ?? '')?.[1];
  if (options.metricsToken && secretMatches(bearer, options.metricsToken)) return true;
  return secrets.presentedBy(req);
}

/**
 * A request target that needs no WHATWG parsing: a path of letters, digits, `-`, `_` and single-slash
 * segments (no dot segments, escapes or leading `//`), and a query of characters URL leaves as they
 * are. Such a target splits at `?` to the same `pathname` and `search` as `new URL(target, base)`,
 * without building a URL per request; any other goes through URL.
 */
const PLAIN_TARGET = /^(\/(?!\/)[A-Za-z0-9_\-/]*)(\?[A-Za-z0-9_\-.~%&=+,;:@/?!$*()]*)?$/;

/** The `pathname` and `search` of a request's target, as `new URL(target, 'http://localhost')` has them. */
export function requestTarget(target: string | undefined): { pathname: string; search: string } {
  const plain = PLAIN_TARGET.exec(target ?? '/');
  if (plain) return { pathname: plain[1]!, search: plain[2] === undefined || plain[2] === '?' ? '' : plain[2] };
  const url = new URL(target ?? '/', 'http://localhost');
  return { pathname: url.pathname, search: url.search };
}

/**
 * A small node:http integration for Apollo Server (one for the gateway and every subgraph): GraphQL at
 * `/graphql`, `/health` (alive), `/ready` (dependencies reachable), `/metrics` (Prometheus), a request
 * id on every response, a body size limit, and the SQL statement count of each request.
 */
export function createHttpHandler<TContext extends BaseContext>(options: HttpServiceOptions<TContext>) {
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const secrets = secretsOf(options.sharedSecret);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = requestTarget(req.url);
    try {
      if (url.pathname === '/health') {
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      if (url.pathname === '/ready') {
        const checks = await options.readiness().catch(() => ({ readiness: false }));
        const ready = Object.values(checks).every(Boolean);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
        return;
      }
      if (url.pathname === '/health/details' && options.details) {
        if (!metricsAllowed(req, options, secrets)) {
          sendJson(res, 401, {
            errors: [
              { message: '/health/details needs the metrics token (authorization: Bearer …)', extensions: { code: 'UNAUTHENTICATED' } },
            ],
          });
          return;
        }
        sendJson(res, 200, await options.details(), { 'cache-control': 'no-store' });
        return;
      }
      if (url.pathname === '/metrics' && options.metrics) {
        if (!metricsAllowed(req, options, secrets)) {
          sendJson(res, 401, {
            errors: [{ message: '/metrics needs the metrics token (authorization: Bearer …)', extensions: { code: 'UNAUTHENTICATED' } }],
          });
          return;
        }
        const text = await options.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        res.end(text);
        return;
      }
      if (url.pathname === '/') {
        res.writeHead(302, { location: GRAPHQL_PATH });
        res.end();
        return;
      }
      if (options.internal && url.pathname.startsWith(INTERNAL_PATH_PREFIX)) {
        if (secrets.count > 0 && !secrets.presentedBy(req)) {
          sendJson(res, 401, {
            errors: [{ message: "only the hub's services may call this endpoint", extensions: { code: 'UNAUTHENTICATED' } }],
          });
          return;
        }
        const raw = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
        const answer = await options.internal({
          method: (req.method ?? 'GET').toUpperCase(),
          path: url.pathname,
          body: parseBody(raw, 'application/json'),
        });
        if (answer) sendJson(res, answer.status, answer.body, { 'cache-control': 'no-store' });
        else sendJson(res, 404, { errors: [{ message: `no internal endpoint ${url.pathname}`, extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      if (url.pathname !== GRAPHQL_PATH) {
        sendJson(res, 404, { errors: [{ message: `not found; GraphQL is served at ${GRAPHQL_PATH}`, extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      if (secrets.count > 0 && !secrets.presentedBy(req)) {
        sendJson(res, 401, { errors: [{ message: 'only the gateway may call this subgraph', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      const refused = await options.admit?.({ headers: req.headers, address: req.socket.remoteAddress });
      if (refused) {
        sendJson(
          res,
          429,
          {
            errors: [
              {
                message: `too many requests; try again in ${refused.retryAfterS} s`,
                extensions: { code: 'RATE_LIMITED', retryAfter: refused.retryAfterS },
              },
            ],
          },
          { 'retry-after': String(refused.retryAfterS) },
        );
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const raw = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
      const httpGraphQLRequest: HTTPGraphQLRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: url.search,
        body: parseBody(raw, req.headers['content-type']),
      };
      const execute = () =>
        options.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest,
          context: async () =>
            options.context({
              headers,
              requestId,
              caller: options.authenticate ? await options.authenticate(headers.get('authorization')) : ANONYMOUS,
            }),
        });
      // Counting needs an AsyncLocalStorage scope, whose hooks cost every promise of the request: only when the count is shown.
      const counted = options.exposeSqlCount ? await countSql(execute) : undefined;
      const response = counted ? counted.result : await execute();
      for (const [key, value] of response.headers) res.setHeader(key, value);
      if (counted) res.setHeader('x-sql-statements', String(counted.statements));
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] }, { connection: 'close' });
        // A client that keeps sending a refused body is cut off once it had time to read the answer.
        if (!req.complete) res.once('finish', () => setTimeout(() => req.destroy(), BODY_DRAIN_MS).unref());
        return;
      }
      options.logger.error({ err: error, requestId }, 'request failed outside GraphQL execution');
      if (!res.headersSent)
        sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  };
}

/** Listens and resolves with the base URL (port 0 picks a free port). */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve(`http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}${GRAPHQL_PATH}`);
    });
  });
}

export function createHttpServer<TContext extends BaseContext>(options: HttpServiceOptions<TContext>): Server {
  const handler = createHttpHandler(options);
  const server = createServer((req, res) => {
    void handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

/**
 * Stops accepting connections, lets in-flight requests finish within `graceMs`, then closes what is
 * left. Keep-alive connections are closed as soon as they fall idle, so clients are not kept waiting.
 * Resolves when the server is closed.
 */
export function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    force.unref();
    sweep.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      // The last requests' spans are still buffered: send them before the process exits.
      void flushTracing().then(resolve);
    });
    server.closeIdleConnections();
  });
}
