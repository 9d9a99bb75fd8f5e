import type { LoadResult } from './load';
import type { SqlCount } from './sql-count';

export interface RunFigures extends LoadResult {
  engine: string;
  operation: string;
  /** Highest resident memory of the engine's process seen during this run, in MB. */
  peakRssMb?: number;
}

export interface BenchReport {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  dataset: { factor: number; seed: number; seedSeconds?: number };
  settings: { seconds: number; warmupSeconds: number; connections: number[] };
  engines: { name: string; peakRssMb?: number; error?: string }[];
  operations: {
    name: string;
    role: string;
    subgraph?: string;
    sql: SqlCount;
    identical: Record<string, boolean | string>;
    signedIn: boolean;
    /** The Apollo gateway's Cache-Control header on this operation's answer. */
    cacheControl?: string;
  }[];
  /** Operations left out, with why (they answer with errors). */
  skipped: { name: string; reason: string }[];
  runs: RunFigures[];
  /** Every other engine's runs as ratios to the limit engine's same run (written by `writeReport`). */
  ratiosToLimit?: LimitRatio[];
  /** The targets, judged on this report (written by `writeReport`). */
  targets?: TargetVerdict[];
}

/** One run of an engine beside the limit engine's run of the same operation, connections and workload. */
export interface LimitRatio {
  engine: string;
  operation: string;
  connections: number;
  workload: 'same' | 'varied';
  /** The engine's figure ÷ the limit engine's: below 1 is slower for req/s, above 1 is slower for latency. */
  requestsPerSecond: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
}

/** A target of the issues, judged on one report. */
export interface TargetVerdict {
  target: string;
  status: 'met' | 'not met' | 'not measured';
  /** The figures it was judged on (or what was missing). */
  figures: string;
}
