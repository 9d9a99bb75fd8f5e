import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Optional OpenTelemetry tracing, off unless configured with the standard OpenTelemetry variables:
 *
 * * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) switches it on and says where
 *   spans go (an OpenTelemetry Collector, Jaeger, Tempo … over OTLP/HTTP);
 *   `OTEL_EXPORTER_OTLP_PROTOCOL` is `http/protobuf` (default) or `http/json`;
 * * `OTEL_SERVICE_NAME` overrides the service name (default: the package name without its scope,
 *   e.g. `gateway`, `locations`); `OTEL_SDK_DISABLED=true` turns it off again;
 * * `OTEL_TRACES_SAMPLER_ARG` is the fraction of new traces kept (default 1); a request that arrives
 *   with a sampled W3C `traceparent` is always traced (parent-based sampling);
 * * everything else the SDK reads itself (`OTEL_BSP_SCHEDULE_DELAY`, `OTEL_EXPORTER_OTLP_HEADERS`, …).
 *
 * What is traced: incoming HTTP requests (not /health, /ready, /metrics, nor probes marked with
 * `?hub-probe=…`), the gateway's calls to
 * subgraphs (node:http, with W3C `traceparent` so a subgraph's spans join the gateway's trace; the
 * health checks, SDL probes and subgraphs' reference calls use Node's fetch and are traced too),
 * GraphQL parse/validate/execute with the operation name, and every SQL statement (only inside a
 * request). Log lines written inside a span carry its `trace_id` and `span_id`.
 *
 * The SDK is loaded only when tracing is on, so a service without it starts as fast as before.
 * `startTracing` must run before the modules it instruments are loaded: services import
 * `@jobcenter-hub/service/instrument` as their very first import.
 */

interface Flushable {
  shutdown(): Promise<void>;
}

let sdk: Flushable | undefined;

const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);
/** A query parameter that marks a request as a probe, not traced (the gateway's checks of `_service { sdl }`: `/graphql?hub-probe=sdl`). */
export const PROBE_PARAMETER = 'hub-probe';

/** True when the environment asks for traces. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (/^(true|1)$/i.test(env.OTEL_SDK_DISABLED ?? '')) return false;
  return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** `@jobcenter-hub/locations` → `locations`, read from the package.json above the process's entry file. */
function serviceNameOfEntry(): string {
  let dir = require.main ? dirname(require.main.filename) : process.cwd();
  for (let i = 0; i < 4; i += 1, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
    if (name) return name.replace(/^@[^/]+\//, '');
  }
  return 'jobcenter-hub';
}

/** Starts tracing when configured (see above); returns whether it did. Calling it twice starts it once. */
export function startTracing(env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk) return true;
  if (!tracingConfigured(env)) return false;
  env.OTEL_SERVICE_NAME ||= serviceNameOfEntry();
  // Loaded here, not at the top: a service without tracing never loads the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK, api, tracing } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino') as typeof import('@opentelemetry/instrumentation-pino');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const untraced = (path: string | undefined) => {
    const [pathname = '', query = ''] = (path ?? '').split('?');
    return UNTRACED_PATHS.has(pathname) || new URLSearchParams(query).has(PROBE_PARAMETER);
  };
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  const parentBased = new tracing.ParentBasedSampler({
    root: Number.isFinite(ratio) && ratio >= 0 && ratio < 1 ? new tracing.TraceIdRatioBasedSampler(ratio) : new tracing.AlwaysOnSampler(),
  });
  // GraphQL parses outside any request (building schemas and query plans at start-up): not worth a trace.
  const sampler: import('@opentelemetry/sdk-node').tracing.Sampler = {
    shouldSample: (context, traceId, name, kind, attributes, links) =>
      !api.trace.getSpan(context) && name.startsWith('graphql.')
        ? { decision: tracing.SamplingDecision.NOT_RECORD }
        : parentBased.shouldSample(context, traceId, name, kind, attributes, links),
    toString: () => 'RequestsOnly',
  };
  const instance = new NodeSDK({
    sampler,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => untraced(request.url),
        // The gateway calls subgraphs with node:http (gateway/src/subgraph-calls.ts): one CLIENT span per call,
        // with W3C traceparent. Only inside a request: the exporters' own requests have no parent span.
        requireParentforOutgoingSpans: true,
        ignoreOutgoingRequestHook: (request) => untraced(request.path ?? undefined),
      }),
      new UndiciInstrumentation({
        ignoreRequestHook: (request) => untraced(request.path),
      }),
      // One span per parse/validate/execute, not one per field: a dashboard resolves thousands of fields.
      new GraphQLInstrumentation({ ignoreResolveSpans: true, mergeItems: true }),
      // SQL spans only inside a request, not for migrations or pool housekeeping.
      new PgInstrumentation({ requireParentSpan: true }),
      new PinoInstrumentation(),
    ],
  });
  instance.start();
  sdk = instance;
  return true;
}

/** Sends the spans still buffered and stops tracing; a no-op when tracing is off. Call it before exiting. */
export async function flushTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}
