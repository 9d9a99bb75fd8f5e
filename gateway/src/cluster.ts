import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@jobcenter-hub/service';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** A worker that crashes is replaced, at most this many times within RESTART_WINDOW_MS; then the gateway stops. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** How long a worker waits for the primary's figures of all workers before it answers with its own. */
const METRICS_TIMEOUT_MS = 5_000;

const METRICS_REQUEST = 'hub:cluster-metrics-request';
const METRICS_RESPONSE = 'hub:cluster-metrics-response';

type ReadyMessage = { type: 'ready'; name: string; url: string };
type MetricsRequest = { type: typeof METRICS_REQUEST; id: number };
type MetricsResponse = { type: typeof METRICS_RESPONSE; id: number; text?: string; error?: string };

export interface ClusterOptions {
  /** `GATEWAY_WORKERS`: 1 serves in this process (no cluster). */
  workers: number;
  /** How long workers may take to finish their requests after SIGTERM/SIGINT (`SHUTDOWN_GRACE_MS`). */
  graceMs: number;
  logger: Logger;
}

/**
 * With more than one worker, makes this process the primary of a `node:cluster`: it forks the workers
 * (each a whole gateway; they share the listening port), replaces a crashed one (bounded, with a log
 * line), passes the first ready message to a parent process once all workers are ready, answers the
 * workers' requests for the metrics of all of them, and on SIGTERM/SIGINT (or when its parent goes
 * away) drains every worker and exits 0. Returns true in the primary, which then must not serve;
 * false in a worker or with one worker, which serves as before.
 */
export function superviseWorkers(options: ClusterOptions): boolean {
  if (options.workers <= 1 || !cluster.isPrimary) return false;
  const { logger } = options;
  const aggregator = new AggregatorRegistry();
  const restarts: number[] = [];
  let ready = 0;
  let announced = false;
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: ReadyMessage | MetricsRequest) => void onMessage(worker, message));
    return worker;
  };

  const onMessage = async (worker: Worker, message: ReadyMessage | MetricsRequest) => {
    if (message?.type === 'ready') {
      ready += 1;
      if (!announced && ready >= options.workers) {
        announced = true;
        logger.info({ url: message.url, workers: options.workers }, 'gateway workers ready');
        process.send?.({ type: 'ready', name: message.name, url: message.url } satisfies ReadyMessage);
      }
    } else if (message?.type === METRICS_REQUEST) {
      let response: MetricsResponse;
      try {
        response = { type: METRICS_RESPONSE, id: message.id, text: await aggregator.clusterMetrics() };
      } catch (error) {
        response = { type: METRICS_RESPONSE, id: message.id, error: error instanceof Error ? error.message : String(error) };
      }
      if (worker.isConnected()) worker.send(response);
    }
  };

  const stop = (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down the gateway workers');
    const living = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker && !worker.isDead());
    // Each worker drains its connections (SHUTDOWN_GRACE_MS) and exits; one that hangs is killed.
    const force = setTimeout(() => {
      for (const worker of living) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, options.graceMs + 5_000);
    force.unref();
    void Promise.all(
      living.map((worker) => new Promise((resolve) => (worker.isDead() ? resolve(undefined) : worker.once('exit', resolve)))),
    ).then(() => {
      clearTimeout(force);
      process.exit(code);
    });
    for (const worker of living) worker.process.kill('SIGTERM');
  };

  cluster.on('exit', (worker, exitCode, signal) => {
    if (stopping) return;
    if (!announced) {
      // It failed while starting (e.g. an unreadable supergraph): its own stderr says why.
      logger.error({ worker: worker.id, exitCode, signal }, 'a gateway worker stopped before it was ready');
      stop('worker failed to start', 1);
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      logger.error({ worker: worker.id, exitCode, signal, restarts: restarts.length }, 'gateway workers keep stopping; giving up');
      stop('too many worker restarts', 1);
      return;
    }
    restarts.push(now);
    logger.warn({ worker: worker.id, exitCode, signal }, 'gateway worker stopped; starting another');
    fork();
  });

  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('disconnect', () => stop('parent disconnected', 0));
  for (let i = 0; i < options.workers; i += 1) fork();
  return true;
}

/** In a cluster worker, the logger with the worker's id on every line; otherwise the logger itself. */
export const withWorkerId = (logger: Logger): Logger =>
  cluster.isWorker && cluster.worker ? logger.child({ worker: cluster.worker.id }) : logger;

/**
 * In a cluster worker, makes `/metrics` (served from `registry`) answer with the figures of all workers:
 * the worker asks the primary, which collects every worker's registry with prom-client's
 * AggregatorRegistry (counters and histograms summed). A no-op outside a cluster.
 */
export function shareMetricsAcrossWorkers(registry: Registry, logger: Logger): void {
  if (!cluster.isWorker) return;
  // Answers the primary's requests for this worker's figures (prom-client's IPC protocol).
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
  const own = registry.metrics.bind(registry);
  const pending = new Map<number, (text: string | undefined) => void>();
  let next = 0;
  process.on('message', (message: MetricsResponse) => {
    if (message?.type !== METRICS_RESPONSE) return;
    pending.get(message.id)?.(message.text);
    pending.delete(message.id);
  });
  registry.metrics = async () => {
    const id = (next += 1);
    const text = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), METRICS_TIMEOUT_MS);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
    });
    pending.delete(id);
    if (text !== undefined) return text;
    logger.warn("no metrics of all workers from the primary; answering with this worker's own");
    return own();
  };
}
