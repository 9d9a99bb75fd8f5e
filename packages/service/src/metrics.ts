import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './logger';

/** Operation names become label values: at most this many distinct ones, then `other`. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Prometheus metrics of one service (served at `/metrics`): process metrics, and per GraphQL
 * operation the requests, errors by code and latency. Gateways and subgraphs add their own on top.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly errors: Counter<'operation' | 'code'>;
  readonly duration: Histogram<'operation'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
    this.requests = new Counter({
      name: 'hub_graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (ok, partial = data with errors, failed).',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'hub_graphql_errors_total',
      help: 'GraphQL errors by operation name and extensions.code.',
      labelNames: ['operation', 'code'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'hub_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to its response, by operation name.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  gauge(name: string, help: string, collect: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(collect());
      },
    });
  }
}

/**
 * An Apollo Server plugin that counts each GraphQL request in `metrics` and writes one log line per
 * request (operation, outcome, duration, error codes) with the request id from the context.
 */
export function createRequestObserver<TContext extends BaseContext & { requestId?: string }>(
  metrics: ServiceMetrics,
  logger: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const operation = metrics.operationLabel(operationName);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failures = errors ?? single?.errors ?? [];
          const codes = failures.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const outcome = failures.length === 0 ? 'ok' : single?.data ? 'partial' : 'failed';
          metrics.requests.inc({ operation, outcome });
          for (const code of codes) metrics.errors.inc({ operation, code });
          metrics.duration.observe({ operation }, seconds);
          const level = outcome === 'ok' ? 'debug' : 'info';
          // The line's object is built only when the level is on (answered requests log at debug, off by default).
          if (!logger.isLevelEnabled(level)) return;
          logger[level](
            { requestId: contextValue.requestId, operation, outcome, ms: Math.round(seconds * 1000), ...(codes.length ? { codes } : {}) },
            'graphql request',
          );
        },
      };
    },
  };
}
