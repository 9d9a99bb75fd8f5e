import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tracingConfigured } from '@jobcenter-hub/service';
import { post, startTestHub, type TestHub } from './support/hub';

/**
 * OpenTelemetry tracing switched on by configuration: the whole hub exports to an OTLP/HTTP receiver on
 * loopback (this test's), and one request is followed from the caller through the gateway into the
 * subgraphs and their SQL.
 */

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}
interface ReceivedSpan extends OtlpSpan {
  service: string;
}

const SPAN_KIND = { SERVER: 2, CLIENT: 3 } as const;

/** Spans organisations and locations through the gateway. */
const QUERY = `query TracedWalk { organisation(id: "jobcenter-muenster") { name locations(first: 3) { nodes { name } } } }`;

let receiver: Server;
const received: ReceivedSpan[] = [];
let hub: TestHub | undefined;

async function startReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const resourceSpans of body.resourceSpans) {
          const service =
            resourceSpans.resource.attributes?.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '?';
          for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) received.push({ ...span, service });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}

const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((entry) => entry.key === key)?.value;

/** Waits (bounded) until `done` holds for the spans received so far. */
async function spansUntil(done: (spans: ReceivedSpan[]) => boolean, timeoutMs = 20_000): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + timeoutMs;
  while (!done(received)) {
    if (Date.now() > deadline)
      throw new Error(`spans not complete after ${timeoutMs} ms: ${received.map((span) => `${span.service}:${span.name}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return received;
}

beforeAll(async () => {
  const endpoint = await startReceiver();
  hub = await startTestHub({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      LOG_LEVEL: 'debug',
    },
    // The gateway would send its spans only after ten minutes: they arrive because shutdown flushes them.
    gatewayEnv: { OTEL_BSP_SCHEDULE_DELAY: '600000' },
  });
});

afterAll(async () => {
  await hub?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

test('tracing is off unless an OTLP endpoint is configured', () => {
  expect(tracingConfigured({})).toBe(false);
  expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
  expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(true);
  expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
});

test("one request is one trace: the caller's, through the gateway, into each subgraph and its SQL", async () => {
  // Probes first: they must leave no spans.
  const running = hub!;
  const base = new URL(running.gatewayUrl);
  for (const path of ['/health', '/ready', '/metrics']) {
    expect((await fetch(new URL(path, base), { headers: running.metricsHeaders })).status).toBe(200);
  }

  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  const { status, body } = await post<{ organisation: { locations: { nodes: unknown[] } | null } | null }>(
    running.gatewayUrl,
    QUERY,
    {},
    {
      traceparent: `00-${traceId}-${callerSpanId}-01`,
    },
  );
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data?.organisation?.locations?.nodes.length).toBeGreaterThan(0);

  const inTrace = (spans: ReceivedSpan[]) => spans.filter((span) => span.traceId === traceId);
  const hasSql = (spans: ReceivedSpan[], service: string) =>
    spans.some(
      (span) =>
        span.service === service &&
        span.name.startsWith('pg.query') &&
        /^select\b/i.test(String(attribute(span, 'db.query.text')?.stringValue ?? attribute(span, 'db.statement')?.stringValue ?? '')),
    );
  // The subgraphs send theirs within 50 ms; the gateway holds its spans until it stops.
  await spansUntil((all) => hasSql(inTrace(all), 'organisations') && hasSql(inTrace(all), 'locations'));
  expect(received.some((span) => span.service === 'gateway')).toBe(false);
  hub = undefined;
  await running.stop();
  const spans = inTrace(received);

  // The gateway continues the caller's trace …
  const gatewayServer = spans.find((span) => span.service === 'gateway' && span.kind === SPAN_KIND.SERVER);
  expect(gatewayServer?.parentSpanId).toBe(callerSpanId);
  // … runs the operation under its name …
  const gatewayRequest = spans.find((span) => span.service === 'gateway' && span.name === 'gateway.request');
  expect(gatewayRequest && attribute(gatewayRequest, 'graphql.operation.name')?.stringValue).toBe('TracedWalk');
  // … and each subgraph's server span is a child of one of the gateway's calls to it.
  const gatewayCalls = new Set(
    spans.filter((span) => span.service === 'gateway' && span.kind === SPAN_KIND.CLIENT).map((span) => span.spanId),
  );
  for (const service of ['organisations', 'locations']) {
    const server = spans.find((span) => span.service === service && span.kind === SPAN_KIND.SERVER);
    expect(server && gatewayCalls.has(server.parentSpanId ?? '')).toBe(true);
    expect(hasSql(spans, service)).toBe(true);
  }
  // Subgraphs the query does not touch have no part in the trace.
  expect(spans.some((span) => span.service === 'partners' || span.service === 'programmes')).toBe(false);
  // Neither probes nor GraphQL work outside requests (schemas and plans built at start-up) are traced.
  const probes = received.filter((span) =>
    /^\/(health|ready|metrics)/.test(String(attribute(span, 'url.path')?.stringValue ?? attribute(span, 'http.target')?.stringValue ?? '')),
  );
  expect(probes).toEqual([]);
  expect(received.filter((span) => span.name === 'graphql.parseSchema')).toEqual([]);
  expect(received.every((span) => span.traceId === traceId)).toBe(true);

  // Log lines written while serving it carry the trace id, so logs and traces meet.
  const logged = running.lines.filter((line) => line.includes(traceId));
  expect(logged.some((line) => line.startsWith('locations:'))).toBe(true);
});
