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
}
