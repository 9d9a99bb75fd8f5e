import { ServiceMetrics } from '@jobcenter-hub/service';
import { Histogram } from 'prom-client';

/** The gateway's metrics: the per-operation ones every service has (ServiceMetrics), plus each call to a subgraph. */
export class GatewayMetrics extends ServiceMetrics {
  private readonly subgraphCalls = new Histogram({
    name: 'hub_subgraph_call_duration_seconds',
    help: 'Calls from the gateway to a subgraph, by subgraph and outcome (ok or the error code).',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Starts timing one call; the returned function records it with its outcome. */
  subgraphTimer(subgraph: string): (outcome: string) => void {
    const end = this.subgraphCalls.startTimer({ subgraph });
    return (outcome) => end({ outcome });
  }
}
