import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { GATEWAY_SECRET_HEADER } from '@jobcenter-hub/service';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';

/** Headers a subgraph needs from the client's request: who is calling, and which request this is. */
const FORWARDED = ['authorization'] as const;

type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];

/**
 * Identical calls to a subgraph in flight at the same time — same URL, same `authorization` header,
 * same body (query and variables) — are sent once; each caller gets its own copy of the answer (status,
 * headers and body), so each request still applies the subgraph's Cache-Control and errors itself.
 * Mutations are never shared. The shared call carries the first caller's `x-request-id`.
 */
export function createSharedFetch(fetchOnce: (input: string, init: RequestInit) => Promise<Response>) {
  const inFlight = new Map<string, Promise<{ status: number; statusText: string; headers: [string, string][]; body: string }>>();
  return async (input: string, init: RequestInit): Promise<Response> => {
    const body = typeof init.body === 'string' ? init.body : undefined;
    // RemoteGraphQLDataSource sends JSON whose first member is the query.
    if (body === undefined || /^\{"query":"\s*mutation\b/.test(body)) return fetchOnce(input, init);
    const authorization = new Headers(init.headers).get('authorization') ?? '';
    const key = `${input}\n${authorization}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetchOnce(input, init)
        .then(async (response) => ({
          status: response.status,
          statusText: response.statusText,
          headers: [...response.headers],
          body: await response.text(),
        }))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    const answer = await shared;
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
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
  // fetch failed: connection refused or reset, DNS, socket closed.
  if (error instanceof TypeError || (error as { cause?: unknown })?.cause) return { failure: 'SUBGRAPH_UNAVAILABLE', retryable: true };
  return { failure: 'SUBGRAPH_ERROR', retryable: false };
}

const MESSAGES: Record<Failure, (name: string) => string> = {
  SUBGRAPH_TIMEOUT: (name) => `Subgraph "${name}" did not answer in time; its part of the result is missing.`,
  SUBGRAPH_UNAVAILABLE: (name) => `Subgraph "${name}" is unavailable; its part of the result is missing.`,
  SUBGRAPH_ERROR: (name) => `Subgraph "${name}" failed; its part of the result is missing.`,
};

/**
 * A subgraph that refuses the caller (401/403: a bad token, or a missing gateway secret) says why in its
 * body; that reason and code reach the client, the subgraph's URL does not.
 */
function callerRefused(error: unknown): GraphQLError | undefined {
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } })?.extensions?.response;
  if (response?.status !== 401 && response?.status !== 403) return undefined;
  const first = (response.body as { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined)?.errors?.[0];
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
  const first = (response.body as { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined)?.errors?.[0];
  const code = first?.extensions?.code;
  const message = first?.message ?? '';
  const valueRefused =
    code === 'BAD_USER_INPUT' ||
    (code === 'GRAPHQL_VALIDATION_FAILED' && /^(Expected value of type|Variable "\$[^"]*" got invalid value)/.test(message));
  if (!valueRefused) return undefined;
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

/**
 * Calls one subgraph over HTTP (keep-alive, via Node's fetch), forwarding the caller's credentials and
 * the request id. A call that exceeds its timeout is aborted; a query that could not reach the subgraph
 * is tried again a bounded number of times; a failure becomes a coded error naming the subgraph, never
 * its URL or stack, so the gateway answers with the other subgraphs' data and this error.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly policy: SubgraphCallPolicy,
    private readonly metrics?: GatewayMetrics,
  ) {
    super({ url });
    const timeoutMs = policy.timeoutMs;
    const fetchOnce = (input: string, init: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    this.fetcher = (policy.dedupe ? createSharedFetch(fetchOnce) : fetchOnce) as unknown as Fetcher;
  }

  override willSendRequest({ request, context }: ProcessOptions): void {
    if (this.policy.sharedSecret) request.http?.headers.set(GATEWAY_SECRET_HEADER, this.policy.sharedSecret);
    if (!context?.headers) return;
    for (const name of FORWARDED) {
      const value = context.headers.get(name);
      if (value) request.http?.headers.set(name, value);
    }
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override async process(options: ProcessOptions) {
    const attempts = isMutation(options.request.query) ? 1 : 1 + this.policy.retries;
    for (let attempt = 1; ; attempt += 1) {
      const stop = this.metrics?.subgraphTimer(this.subgraph);
      try {
        const response = await super.process(options);
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
        options.context?.logger?.warn({ subgraph: this.subgraph, failure, attempts: attempt, err: error }, 'subgraph call failed');
        throw new GraphQLError(MESSAGES[failure](this.subgraph), { extensions: { code: failure, subgraph: this.subgraph } });
      }
    }
  }
}
