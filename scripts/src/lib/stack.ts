import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSupergraphConfig, type SubgraphEntry } from './supergraph-config';

export interface StackOptions {
  /** The repository root. */
  root: string;
  /** The database URL of each in-repo subgraph, by subgraph name. */
  databaseUrls: Record<string, string>;
  /** `fixed`: the ports of `schema/supergraph.yaml` and `gatewayPort`; `free`: any free port (tests). */
  ports: 'fixed' | 'free';
  gatewayPort?: number;
  host?: string;
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** Extra environment for the gateway only, applied last (e.g. to route a subgraph through a proxy). */
  gatewayEnv?: Record<string, string>;
  /** The supergraph the gateway serves and watches; default `schema/supergraph.graphql` of `root`. */
  supergraphPath?: string;
  /** Each line a service prints. */
  onLine?: (service: string, line: string, stream: 'stdout' | 'stderr') => void;
}

export interface RunningService {
  name: string;
  url: string;
  process: ChildProcess;
}

export interface Stack {
  gatewayUrl: string;
  subgraphs: RunningService[];
  gateway: RunningService;
  stop(): Promise<void>;
}

/** The subgraphs of the supergraph config that live in this repository (`subgraphs/<name>`). */
export function inRepoSubgraphs(root: string): SubgraphEntry[] {
  const config = readSupergraphConfig(join(root, 'schema', 'supergraph.yaml'));
  return config.subgraphs.filter((entry) => existsSync(join(root, 'subgraphs', entry.name, 'package.json')));
}

/**
 * Node flags of the gateway. With a large heap limit V8 lets the heap grow to several times the live
 * data before it collects; with 512 MB it collects sooner, so the gateway's resident memory stays low
 * at the same throughput (docs/operations.md, "Gateway memory"; docker-compose.yml passes the same flag).
 */
export const GATEWAY_EXEC_ARGV = ['--max-old-space-size=512'];

function startService(
  name: string,
  script: string,
  env: Record<string, string>,
  onLine: StackOptions['onLine'],
  execArgv: string[] = [],
): Promise<RunningService> {
  return new Promise((resolve, reject) => {
    if (!existsSync(script)) {
      reject(new Error(`${name}: ${script} is missing; run \`npm run build\` first`));
      return;
    }
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      execArgv: [...process.execArgv, ...execArgv],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const recent: string[] = [];
    const pipe = (stream: NodeJS.ReadableStream | null, kind: 'stdout' | 'stderr') => {
      let buffer = '';
      stream?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          recent.push(line);
          if (recent.length > 20) recent.shift();
          onLine?.(name, line, kind);
          newline = buffer.indexOf('\n');
        }
      });
    };
    pipe(child.stdout, 'stdout');
    pipe(child.stderr, 'stderr');
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`${name} exited before it was ready (${signal ?? `code ${code}`}):\n${recent.join('\n')}`));
    child.once('exit', onExit);
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type === 'ready' && message.url) {
        child.off('exit', onExit);
        resolve({ name, url: message.url, process: child });
      }
    });
  });
}

function stopService(service: RunningService, graceMs = 15_000): Promise<void> {
  const child = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The gateway variable that replaces the routing URL of subgraph `name` (see gateway/src/env.ts). */
export const subgraphUrlVariable = (name: string) => `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`;

/**
 * Starts one in-repo subgraph from its build, on its routing URL's port (`fixed`) or a free one, and
 * resolves once it reports that it listens. `startStack` uses it for each subgraph; it also starts a
 * subgraph next to a running hub (the gateway picks it up from the next supergraph).
 */
export function startSubgraph(options: {
  root: string;
  entry: SubgraphEntry;
  databaseUrl: string;
  ports: StackOptions['ports'];
  host?: string;
  env?: Record<string, string>;
  onLine?: StackOptions['onLine'];
}): Promise<RunningService> {
  const { entry } = options;
  return startService(
    entry.name,
    join(options.root, 'subgraphs', entry.name, 'dist', 'main.js'),
    {
      APOLLO_TELEMETRY_DISABLED: '1',
      HOST: options.host ?? '127.0.0.1',
      ...options.env,
      PORT: options.ports === 'fixed' ? new URL(entry.routingUrl).port : '0',
      DATABASE_URL: options.databaseUrl,
    },
    options.onLine,
  );
}

/**
 * Starts every in-repo subgraph (each its own process and database), then the gateway serving (and
 * watching) `schema/supergraph.graphql` with the subgraphs' actual URLs. Used by `npm start` and by the
 * tests.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const host = options.host ?? '127.0.0.1';
  const common = { APOLLO_TELEMETRY_DISABLED: '1', HOST: host, ...options.env };
  const entries = inRepoSubgraphs(options.root);
  const missing = entries.filter((entry) => !options.databaseUrls[entry.name]).map((entry) => entry.name);
  if (missing.length > 0) throw new Error(`no database URL for: ${missing.join(', ')}`);

  const started: RunningService[] = [];
  try {
    const subgraphs = await Promise.all(
      entries.map((entry) =>
        startSubgraph({
          root: options.root,
          entry,
          databaseUrl: options.databaseUrls[entry.name]!,
          ports: options.ports,
          host,
          env: options.env,
          onLine: options.onLine,
        }).then((service) => {
          started.push(service);
          return service;
        }),
      ),
    );
    const overrides = Object.fromEntries(subgraphs.map((service) => [subgraphUrlVariable(service.name), service.url]));
    const gateway = await startService(
      'gateway',
      join(options.root, 'gateway', 'dist', 'main.js'),
      {
        ...common,
        ...overrides,
        PORT: options.ports === 'fixed' ? String(options.gatewayPort ?? 4000) : '0',
        SUPERGRAPH_PATH: options.supergraphPath ?? join(options.root, 'schema', 'supergraph.graphql'),
        ...options.gatewayEnv,
      },
      options.onLine,
      GATEWAY_EXEC_ARGV,
    );
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      subgraphs,
      gateway,
      // The gateway goes first so that no request reaches a subgraph that is already gone.
      stop: async () => {
        await stopService(gateway);
        await Promise.all(subgraphs.map((service) => stopService(service)));
      },
    };
  } catch (error) {
    await Promise.all(started.map((service) => stopService(service)));
    throw error;
  }
}
