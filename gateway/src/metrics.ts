import { ServiceMetrics } from '@jobcenter-hub/service';
import { Gauge, Histogram } from 'prom-client';

/** The gateway's metrics: the per-operation ones every service has (ServiceMetrics), plus each call to a subgraph. */
export class GatewayMetrics extends ServiceMetrics {
  private readonly subgraphCalls = new Histogram({
    name: 'hub_subgraph_call_duration_seconds',
    help: 'Calls from the gateway to a subgraph, by subgraph and outcome (ok or the error code).',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly subgraphUp = new Gauge({
    name: 'hub_subgraph_up',
    help: 'Whether the subgraph answered its /health at the last check (1) or not (0).',
    labelNames: ['subgraph'],
    // With several workers (each checks): down when any of them found it down.
    aggregator: 'min',
    registers: [this.registry],
  });

  private readonly subgraphSdlDrift = new Gauge({
    name: 'hub_subgraph_sdl_drift',
    help: "Whether the subgraph's _service { sdl } lacks what the supergraph expects of it (1) or not (0).",
    labelNames: ['subgraph'],
    aggregator: 'max',
    registers: [this.registry],
  });

  /** The state of one subgraph at the last check (subgraph-states.ts). */
  subgraphState(subgraph: string, up: boolean, drift: boolean): void {
    this.subgraphUp.set({ subgraph }, up ? 1 : 0);
    this.subgraphSdlDrift.set({ subgraph }, drift ? 1 : 0);
  }

  /** A subgraph no longer in the supergraph. */
  forgetSubgraph(subgraph: string): void {
    this.subgraphUp.remove({ subgraph });
    this.subgraphSdlDrift.remove({ subgraph });
  }

  /** Starts timing one call; the returned function records it with its outcome. */
  subgraphTimer(subgraph: string): (outcome: string) => void {
    const end = this.subgraphCalls.startTimer({ subgraph });
    return (outcome) => end({ outcome });
  }
}
