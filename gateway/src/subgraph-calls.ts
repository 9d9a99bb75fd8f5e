import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest, STATUS_CODES } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { GATEWAY_SECRET_HEADER } from '@jobcenter-hub/service';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';

/** Headers a subgraph needs from the client's request: who is calling. */
const FORWARDED = ['authorization'] as const;

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

/** A subgraph's answer as it came over HTTP, read in full. Shared between identical calls: never changed. */
export interface SubgraphAnswer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One POST to a subgraph: its URL, the headers (lower-case names) and the JSON body. */
export type Post = (url: URL, headers: Record<string, string>, body: string) => Promise<SubgraphAnswer>;

/**
 * Sockets to the subgraphs stay open between calls (keep-alive, no limit per subgraph), so a call is one
 * write and one read on a socket that is already connected: no new connection, DNS lookup or TLS
 * handshake per call. node:http rather than `fetch`: fetch (undici) builds WHATWG streams, a Request
 * clone and an AbortSignal for each call, which the gateway's profile showed as a fifth of its CPU.
 */
const agents = {
  'http:': new HttpAgent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new HttpsAgent({ keepAlive: true, scheduling: 'lifo' }),
};

/** An error whose name says the call took longer than allowed (`classify` makes it SUBGRAPH_TIMEOUT). */
function timeoutError(timeoutMs: number): Error {
  const error = new Error(`no answer within ${timeoutMs} ms`);
  error.name = 'TimeoutError';
  return error;
}

/**
 * Sends a POST and reads the whole answer, within `timeoutMs` from the start (connecting, sending and
 * reading included); past it the request is destroyed and the promise rejects with a TimeoutError.
 */
export function createPost(timeoutMs: number): Post {
  return (url, headers, body) =>
    new Promise((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, {
        method: 'POST',
        agent: url.protocol === 'https:' ? agents['https:'] : agents['http:'],
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      });
      const timer = setTimeout(() => request.destroy(timeoutError(timeoutMs)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      request.once('error', fail);
      request.once('response', (response) => {
        const chunks: Buffer[] = [];
        // A connection that breaks while the answer is read: ECONNRESET ("aborted").
        response.once('error', fail);
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? STATUS_CODES[response.statusCode ?? 0] ?? '',
            headers: response.headers,
            body: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      request.end(body);
    });
}

/**
 * Identical calls to a subgraph in flight at the same time — same URL, same `authorization` header,
 * same body (query and variables) — are sent once; every caller gets the same answer (status, headers,
 * body text) and parses the body itself, so each request still applies the subgraph's Cache-Control and
 * errors itself and no two requests share objects. Mutations are never shared. The shared call carries
 * the first caller's `x-request-id`.
 */
export function createSharedPost(postOnce: Post): Post {
  const inFlight = new Map<string, Promise<SubgraphAnswer>>();
  return (url, headers, body) => {
    // The body is JSON whose first member is the query.
    if (/^\{"query":"\s*mutation\b/.test(body)) return postOnce(url, headers, body);
    const key = `${url.href}\n${headers.authorization ?? ''}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = postOnce(url, headers, body).finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    return shared;
  };
}

export interface SubgraphCallPolicy {
  /** How long one call to a subgraph may take before it counts as failed. */
  timeoutMs: number;
  /** Extra attempts for a query that failed to reach the subgraph; mutations are never repeated. */
  retries: number;
  /** Pause before a retry. */
  retryDelayMs: number;
  /** Proves to the subgraph that the call comes from the gateway (x-gateway-secret). */
  sharedSecret?: string;
  /** Send identical calls in flight at the same time once (`GATEWAY_DEDUPE_SUBGRAPH_CALLS`, default on). */
  dedupe?: boolean;
}

/** Why a call to a subgraph failed; each becomes a coded error that names the subgraph. */
type Failure = 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE' | 'SUBGRAPH_ERROR';

function classify(error: unknown): { failure: Failure; retryable: boolean } {
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { failure: 'SUBGRAPH_TIMEOUT', retryable: true };
  const status = Number((error as { extensions?: { response?: { status?: number } } })?.extensions?.response?.status);
  if (status >= 500) return { failure: 'SUBGRAPH_UNAVAILABLE', retryable: status === 502 || status === 503 || status === 504 };
  if (status >= 400) return { failure: 'SUBGRAPH_ERROR', retryable: false };
  // Not reached: connection refused or reset, DNS, socket closed (node's system errors carry a code such as ECONNREFUSED).
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && /^E[A-Z]/.test(code)) return { failure: 'SUBGRAPH_UNAVAILABLE', retryable: true };
  return { failure: 'SUBGRAPH_ERROR', retryable: false };
}

const MESSAGES: Record<Failure, (name: string) => string> = {
  SUBGRAPH_TIMEOUT: (name) => `Subgraph "${name}" did not answer in time; its part of the result is missing.`,
  SUBGRAPH_UNAVAILABLE: (name) => `Subgraph "${name}" is unavailable; its part of the result is missing.`,
  SUBGRAPH_ERROR: (name) => `Subgraph "${name}" failed; its part of the result is missing.`,
};

type ErrorBody = { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined;

/**
 * A subgraph that refuses the caller (401/403: a bad token, or a missing gateway secret) says why in its
 * body; that reason and code reach the client, the subgraph's URL does not.
 */
function callerRefused(error: unknown): GraphQLError | undefined {
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } })?.extensions?.response;
  if (response?.status !== 401 && response?.status !== 403) return undefined;
  const first = (response.body as ErrorBody)?.errors?.[0];
  const code = first?.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  return new GraphQLError(first?.message ?? 'not allowed', { extensions: { code } });
}

/**
 * A subgraph that refuses a value the client sent (400: a variable it cannot coerce, BAD_USER_INPUT; or
 * a literal of the wrong type, GRAPHQL_VALIDATION_FAILED "Expected value of type …") answers the
 * client's mistake, not a failure of its own: its reason reaches the client as BAD_USER_INPUT. Other
 * validation failures (a field it does not know: the supergraph and the subgraph disagree) stay a
 * subgraph failure.
 */
function clientValueRefused(error: unknown): GraphQLError | undefined {
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } })?.extensions?.response;
  if (response?.status !== 400) return undefined;
  const first = (response.body as ErrorBody)?.errors?.[0];
  const code = first?.extensions?.code;
  const message = first?.message ?? '';
  const valueRefused =
    code === 'BAD_USER_INPUT' ||
    (code === 'GRAPHQL_VALIDATION_FAILED' && /^(Expected value of type|Variable "\$[^"]*" got invalid value)/.test(message));
  if (!valueRefused) return undefined;
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

const isJson = (contentType: string | undefined) =>
  !!contentType && (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json'));

/** A subgraph's `Cache-Control` as a cache hint, read as Apollo's RemoteGraphQLDataSource reads it. */
export function cacheHintOf(header: string | undefined): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const directives = new Map<string, string | true>();
  for (const part of (header ?? '').trim().split(/\s*,\s*/)) {
    if (!part) continue;
    const [key, value] = part.split(/\s*=\s*/, 2);
    directives.set(key!, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const maxAge = directives.get('max-age');
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = {
    maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? +maxAge : 0,
  };
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  return hint;
}

type Answer = Awaited<ReturnType<GraphQLDataSource['process']>>;
type SubgraphRequest = ProcessOptions['request'];

/** The operation name of a fetch (`query DistrictDashboard__partners__1(…)`): fetches that differ only in it ask the same. */
const OPERATION_NAME = /^query\s+[_A-Za-z][_0-9A-Za-z]*/;
/** The most representations one merged entity call carries (the subgraphs' default `SUBGRAPH_MAX_REPRESENTATIONS`). */
const MAX_MERGED_REPRESENTATIONS = 1_000;

/** Entity fetches of one request that ask one subgraph the same, waiting to be sent as one call. */
interface EntityBatch {
  members: { options: ProcessOptions; representations: unknown[]; resolve: (answer: Answer) => void; reject: (error: unknown) => void }[];
  size: number;
}

/**
 * Calls one subgraph over HTTP (keep-alive sockets, see `agents`), forwarding the caller's credentials
 * and the request id. A call that exceeds its timeout is aborted; a query that could not reach the
 * subgraph is tried again a bounded number of times; a failure becomes a coded error naming the
 * subgraph, never its URL or stack, so the gateway answers with the other subgraphs' data and this
 * error. The subgraph's `Cache-Control` restricts the answer's cache policy. What Apollo's
 * RemoteGraphQLDataSource does, without its per-call node-fetch Headers and Request objects.
 *
 * Entity fetches of one request that run side by side and ask this subgraph the same selection for
 * different entities — DistrictDashboard's plan asks partners for the district's counts and, in a
 * parallel fetch, for its children's — are sent as one `_entities` call with all the representations:
 * one HTTP request, and one batch of reference lookups in the subgraph, instead of one per fetch. Each
 * fetch gets back its own slice of `_entities`, and the errors of its entities with their paths
 * shifted to its own indices (errors of no entity go to each). A merged call the subgraph refuses (a
 * lower representation limit of its own) is sent again as separate calls.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly url: URL;
  private readonly post: Post;
  /** Entity fetches waiting to be sent, by request (its context) and by what they ask. */
  private readonly batches = new WeakMap<object, Map<string, EntityBatch>>();

  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly policy: SubgraphCallPolicy,
    private readonly metrics?: GatewayMetrics,
  ) {
    this.url = new URL(url);
    const postOnce = createPost(policy.timeoutMs);
    this.post = policy.dedupe ? createSharedPost(postOnce) : postOnce;
  }

  /** The headers of one call: the caller's credentials and request id, and the gateway's credential. */
  private headersOf({ request, context }: ProcessOptions): Record<string, string> {
    const headers: Record<string, string> = {};
    // Set by the query planner only when it asks for federated traces.
    if (request.http?.headers) for (const [name, value] of request.http.headers) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    if (this.policy.sharedSecret) headers[GATEWAY_SECRET_HEADER] = this.policy.sharedSecret;
    const incoming = (context as Partial<GatewayContext> | undefined)?.headers;
    if (incoming) {
      for (const name of FORWARDED) {
        const value = incoming.get(name);
        if (value) headers[name] = value;
      }
    }
    const requestId = (context as Partial<GatewayContext> | undefined)?.requestId;
    if (requestId) headers['x-request-id'] = requestId;
    return headers;
  }

  /**
   * One HTTP call with `request`, the headers of `options`: the subgraph's JSON answer (its Cache-Control
   * restricting the cache policy of the request), or a GraphQLError with `extensions.response` (status
   * and body) for a non-2xx status.
   */
  private async send(request: SubgraphRequest, options: ProcessOptions): Promise<Answer> {
    const { query, variables, operationName, extensions } = request;
    if (!query) throw new Error('Missing query');
    const answer = await this.post(this.url, this.headersOf(options), JSON.stringify({ query, variables, operationName, extensions }));
    const contentType = answer.headers['content-type'];
    const body: unknown = isJson(contentType) ? JSON.parse(answer.body) : answer.body;
    if (answer.status < 200 || answer.status > 299) {
      throw new GraphQLError(`${answer.status}: ${answer.statusText}`, {
        extensions: {
          response: { url: this.url.href, status: answer.status, statusText: answer.statusText, body },
          ...(answer.status === 401 ? { code: 'UNAUTHENTICATED' } : answer.status === 403 ? { code: 'FORBIDDEN' } : {}),
        },
      });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    if (options.kind === 'incoming operation') {
      const policy = options.incomingRequestContext.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict(cacheHintOf(answer.headers['cache-control']));
    }
    return body as Answer;
  }

  /** `send` with the timeout's retries and the metrics; a failure becomes the coded error of the subgraph. */
  private async call(request: SubgraphRequest, options: ProcessOptions): Promise<Answer> {
    const attempts = isMutation(request.query) ? 1 : 1 + this.policy.retries;
    for (let attempt = 1; ; attempt += 1) {
      const stop = this.metrics?.subgraphTimer(this.subgraph);
      try {
        const response = await this.send(request, options);
        stop?.('ok');
        return response;
      } catch (error) {
        const refusal = callerRefused(error) ?? clientValueRefused(error);
        if (refusal) {
          stop?.(String(refusal.extensions.code));
          throw refusal;
        }
        const { failure, retryable } = classify(error);
        stop?.(failure);
        if (retryable && attempt < attempts) {
          await sleep(this.policy.retryDelayMs * attempt);
          continue;
        }
        (options.context as Partial<GatewayContext> | undefined)?.logger?.warn(
          { subgraph: this.subgraph, failure, attempts: attempt, err: error },
          'subgraph call failed',
        );
        throw new GraphQLError(MESSAGES[failure](this.subgraph), { extensions: { code: failure, subgraph: this.subgraph } });
      }
    }
  }

  async process(options: ProcessOptions): Promise<Answer> {
    const { query, variables } = options.request;
    const representations: unknown = variables?.representations;
    if (options.kind !== 'incoming operation' || !options.context || !Array.isArray(representations) || !query?.includes('_entities('))
      return this.call(options.request, options);
    if (representations.length >= MAX_MERGED_REPRESENTATIONS) return this.call(options.request, options);
    // Every variable but the representations must match.
    const { representations: _, ...others } = variables!;
    const key = `${query.replace(OPERATION_NAME, 'query')}\n${JSON.stringify(others)}`;
    let waiting = this.batches.get(options.context);
    if (!waiting) {
      waiting = new Map();
      this.batches.set(options.context, waiting);
    }
    let batch = waiting.get(key);
    if (batch && batch.size + representations.length > MAX_MERGED_REPRESENTATIONS) batch = undefined;
    if (!batch) {
      const opened: EntityBatch = { members: [], size: 0 };
      const open = waiting;
      open.set(key, opened);
      // Sent once the plan's other parallel fetches have asked too: they all start in one synchronous loop
      // (DataLoader's scheduling: after the promise jobs queued now, then nextTick).
      void Promise.resolve().then(() =>
        process.nextTick(() => {
          if (open.get(key) === opened) open.delete(key);
          void this.sendBatch(opened);
        }),
      );
      batch = opened;
    }
    const joined = batch;
    return new Promise<Answer>((resolve, reject) => {
      joined.members.push({ options, representations, resolve, reject });
      joined.size += representations.length;
    });
  }

  /** Sends the entity fetches of `batch` as one call and gives each its own part of the answer. */
  private async sendBatch(batch: EntityBatch): Promise<void> {
    const [first, ...others] = batch.members;
    if (!first) return;
    if (others.length === 0) {
      await this.call(first.options.request, first.options).then(first.resolve, first.reject);
      return;
    }
    const request = {
      ...first.options.request,
      variables: { ...first.options.request.variables, representations: batch.members.flatMap((member) => member.representations) },
    };
    let answer: Answer;
    try {
      answer = await this.call(request, first.options);
    } catch (error) {
      if ((error as GraphQLError).extensions?.code === 'BAD_USER_INPUT') {
        // Refused together (a lower limit of representations?): each as the plan asked for it.
        await Promise.all(
          batch.members.map((member) => this.call(member.options.request, member.options).then(member.resolve, member.reject)),
        );
      } else {
        for (const member of batch.members) member.reject(error);
      }
      return;
    }
    const { data, errors, ...rest } = answer;
    const entities: unknown = data?._entities;
    let offset = 0;
    for (const member of batch.members) {
      const from = offset;
      const to = (offset += member.representations.length);
      const own = (errors ?? []).flatMap((error) => {
        const [root, index, ...path] = error.path ?? [];
        if (root !== '_entities' || typeof index !== 'number') return [error];
        return index >= from && index < to ? [{ ...error, path: ['_entities', index - from, ...path] }] : [];
      });
      member.resolve({
        ...rest,
        data: Array.isArray(entities) ? { ...data, _entities: entities.slice(from, to) } : data,
        ...(own.length > 0 ? { errors: own } : {}),
      });
    }
  }
}
