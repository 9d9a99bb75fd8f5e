import { readdirSync, readFileSync } from 'node:fs';

export interface LoadResult {
  connections: number;
  /** `same`: one request repeated; `varied`: up to 50 different records in turn. */
  workload: 'same' | 'varied';
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts, non-2xx answers, and answers that differ from the expected body. */
  errors: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches?: number;
  duration: number;
}

/** A run: its result when awaited; `response` events carry each answer's time in ms with sub-ms precision. */
type AutocannonRun = Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
};
type Autocannon = (options: Record<string, unknown>) => AutocannonRun;

/**
 * The `fraction` percentile of `sorted` (ascending), to 0.01 ms. autocannon's own percentiles are whole
 * milliseconds, too coarse for answers that take 1–5 ms (the targets compare such latencies as ratios).
 */
export const percentile = (sorted: readonly number[], fraction: number): number =>
  sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]! * 100) / 100;

// autocannon has no type declarations; it is loaded once, when the first run starts.
let autocannon: Autocannon | undefined;

/**
 * Drives one GraphQL POST at `url` with autocannon for `seconds` at `connections` (one request in
 * flight per connection), loopback only. `expectBody` counts every different answer as an error.
 */
export async function drive(options: {
  url: string;
  /** One body, or several sent in turn (then answers with `"errors"` count as errors). */
  body: string | string[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  expectBody?: string;
}): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):/.test(options.url)) throw new Error(`refusing to load ${options.url}: loopback only`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- no type declarations, and loaded only when a run starts
  autocannon ??= require('autocannon') as Autocannon;
  const bodies = typeof options.body === 'string' ? [options.body] : options.body;
  let next = 0;
  let graphqlErrors = 0;
  const run = autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(bodies.length === 1
      ? { body: bodies[0] }
      : {
          requests: [
            {
              setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }),
              onResponse: (_status: number, body: string) => {
                if (body.includes('"errors"')) graphqlErrors += 1;
              },
            },
          ],
        }),
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    ...(options.expectBody ? { expectBody: options.expectBody } : {}),
  });
  // The latency of every 2xx answer, as autocannon's own histogram counts them.
  const times: number[] = [];
  run.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTimeMs);
  });
  const result = await run;
  times.sort((a, b) => a - b);
  return {
    connections: options.connections,
    workload: bodies.length > 1 ? 'varied' : 'same',
    seconds: options.seconds,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    errors: result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0) + graphqlErrors,
  };
}

/**
 * Resident memory of a process and its child processes (a gateway's cluster workers) now and at their
 * peaks, summed (Linux /proc; undefined elsewhere), in MB.
 */
export function memoryOf(pid: number | undefined): { rssMb: number; peakRssMb: number } | undefined {
  if (!pid) return undefined;
  const status = (id: number | string) => {
    try {
      return readFileSync(`/proc/${id}/status`, 'utf8');
    } catch {
      return undefined;
    }
  };
  const own = status(pid);
  if (!own) return undefined;
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && entry !== String(pid))
    .map((entry) => status(entry))
    .filter((text): text is string => !!text && new RegExp(`^PPid:\\s+${pid}$`, 'm').test(text));
  const kb = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  const sum = (field: string) => [own, ...children].reduce((total, text) => total + kb(text, field), 0);
  return { rssMb: Math.round(sum('VmRSS') / 1024), peakRssMb: Math.round(sum('VmHWM') / 1024) };
}
