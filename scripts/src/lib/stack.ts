import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { type RestartPolicy, type SupervisedInstance, supervise, type Supervisor, type SupervisorEvent } from './supervisor';
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
  /**
   * Restart a service that exits while the stack runs (`npm start`), on the port it had, per `policy`;
   * each crash, restart and the give-up goes to `onEvent`. Without it a service that dies stays down
   * (tests that stop a subgraph on purpose).
   */
  restart?: { policy: RestartPolicy; onEvent: (event: SupervisorEvent) => void };
}

export interface RunningService {
  name: string;
  url: string;
  /** The service's current process: a supervised service gets a new one on each restart. */
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

/**
 * Node flags of the subgraphs. A request allocates many short-lived objects (rows, GraphQL results); with
 * V8's default young generation (16 MB semi-spaces) they are scavenged so often that garbage collection
 * took 10–20 % of a subgraph's CPU under the dashboards' load, 6–8 % with 32 MB (issue 17's profiles),
 * for up to about 48 MB more resident memory per subgraph. docker-compose.yml passes the same flag.
 */
export const SUBGRAPH_EXEC_ARGV = ['--max-semi-space-size=32'];

/** How to run one service: what `startStack` starts, and starts again after a crash. */
interface ServiceSpec {
  name: string;
  script: string;
  env: Record<string, string>;
  execArgv?: string[];
}

/** A service that exited before it reported ready; `exit` says how (`code 1`, `signal SIGKILL`). */
class ServiceStartError extends Error {
  constructor(
    readonly service: string,
    readonly exit: string,
    output: string[],
  ) {
    super(`${service} exited before it was ready (${exit}):\n${output.join('\n')}`);
  }
}

const describeExit = (code: number | null, signal: string | null) => (signal ? `signal ${signal}` : `code ${code}`);

function startService(spec: ServiceSpec, onLine: StackOptions['onLine']): Promise<RunningService> {
  const { name, script, env } = spec;
  return new Promise((resolve, reject) => {
    if (!existsSync(script)) {
      reject(new Error(`${name}: ${script} is missing; run \`npm run build\` first`));
      return;
    }
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      execArgv: [...process.execArgv, ...(spec.execArgv ?? [])],
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
    const onExit = (code: number | null, signal: string | null) => reject(new ServiceStartError(name, describeExit(code, signal), recent));
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
export function startSubgraph(options: SubgraphOptions): Promise<RunningService> {
  return startService(subgraphSpec(options), options.onLine);
}

interface SubgraphOptions {
  root: string;
  entry: SubgraphEntry;
  databaseUrl: string;
  ports: StackOptions['ports'];
  /** The port to listen on, chosen beforehand (`startStack`); else the routing URL's (`fixed`) or any free one. */
  port?: number;
  host?: string;
  env?: Record<string, string>;
  onLine?: StackOptions['onLine'];
}

function subgraphSpec(options: SubgraphOptions): ServiceSpec {
  const { entry } = options;
  return {
    name: entry.name,
    script: join(options.root, 'subgraphs', entry.name, 'dist', 'main.js'),
    env: {
      APOLLO_TELEMETRY_DISABLED: '1',
      HOST: options.host ?? '127.0.0.1',
      ...options.env,
      PORT: options.port !== undefined ? String(options.port) : options.ports === 'fixed' ? new URL(entry.routingUrl).port : '0',
      DATABASE_URL: options.databaseUrl,
    },
    execArgv: SUBGRAPH_EXEC_ARGV,
  };
}

/** The host other processes reach a service on that listens on `host` (a wildcard address: this machine). */
const reachableHost = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/**
 * Watches a running service and restarts it when it exits: the same command and environment, on the
 * port it had (so the gateway's routing URLs stay right also with `ports: 'free'`). The restarted
 * process replaces `service.process`.
 */
function superviseService(
  service: RunningService,
  spec: ServiceSpec,
  options: Pick<StackOptions, 'onLine'> & Required<Pick<StackOptions, 'restart'>>,
): Supervisor {
  const again: ServiceSpec = { ...spec, env: { ...spec.env, PORT: new URL(service.url).port } };
  const instance = (running: RunningService): SupervisedInstance => ({
    pid: running.process.pid,
    exited: new Promise((resolve) => {
      const child = running.process;
      if (child.exitCode !== null || child.signalCode !== null) resolve(describeExit(child.exitCode, child.signalCode));
      else child.once('exit', (code, signal) => resolve(describeExit(code, signal)));
    }),
    stop: () => stopService(running),
  });
  return supervise({
    service: service.name,
    first: instance(service),
    start: async () => {
      const next = await startService(again, options.onLine);
      service.process = next.process;
      return instance(next);
    },
    policy: options.restart.policy,
    onEvent: options.restart.onEvent,
  });
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

  // Ports are chosen before anything starts, so that each subgraph is told where the others are
  // (SUBGRAPH_<NAME>_URL: references between publishers ask the owning subgraph). A restarted subgraph
  // gets its port again, so these URLs stay right.
  const ports = await Promise.all(
    entries.map((entry) => (options.ports === 'fixed' ? Promise.resolve(Number(new URL(entry.routingUrl).port)) : freePort())),
  );
  const subgraphUrls = Object.fromEntries(
    entries.map((entry, i) => [subgraphUrlVariable(entry.name), `http://${reachableHost(host)}:${ports[i]}/graphql`]),
  );
  const started: RunningService[] = [];
  try {
    const specs = entries.map((entry, i) =>
      subgraphSpec({
        root: options.root,
        entry,
        databaseUrl: options.databaseUrls[entry.name]!,
        ports: options.ports,
        port: ports[i],
        host,
        env: { ...subgraphUrls, ...options.env },
      }),
    );
    const subgraphs = await Promise.all(
      specs.map((spec) =>
        startService(spec, options.onLine).then((service) => {
          started.push(service);
          return service;
        }),
      ),
    );
    const overrides = Object.fromEntries(subgraphs.map((service) => [subgraphUrlVariable(service.name), service.url]));
    const gatewaySpec: ServiceSpec = {
      name: 'gateway',
      script: join(options.root, 'gateway', 'dist', 'main.js'),
      env: {
        ...common,
        ...overrides,
        PORT: options.ports === 'fixed' ? String(options.gatewayPort ?? 4000) : '0',
        SUPERGRAPH_PATH: options.supergraphPath ?? join(options.root, 'schema', 'supergraph.graphql'),
        ...options.gatewayEnv,
      },
      execArgv: GATEWAY_EXEC_ARGV,
    };
    const gateway = await startService(gatewaySpec, options.onLine);
    started.push(gateway);
    const { restart } = options;
    if (!restart) {
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
    }
    const supervised = { onLine: options.onLine, restart };
    const gatewaySupervisor = superviseService(gateway, gatewaySpec, supervised);
    const subgraphSupervisors = subgraphs.map((service, i) => superviseService(service, specs[i]!, supervised));
    return {
      gatewayUrl: gateway.url,
      subgraphs,
      gateway,
      // No restarts from here on, for any service (Ctrl-C at a terminal stops them all at once); the gateway goes first, as above.
      stop: async () => {
        for (const supervisor of [gatewaySupervisor, ...subgraphSupervisors]) supervisor.halt();
        await gatewaySupervisor.stop();
        await Promise.all(subgraphSupervisors.map((supervisor) => supervisor.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((service) => stopService(service)));
    throw error;
  }
}
