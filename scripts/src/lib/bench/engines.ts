import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_EXEC_ARGV } from '../stack';
import { freePort } from '../free-port';

/** Something that answers GraphQL over HTTP and whose process (for memory) we know. */
export interface Engine {
  name: string;
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export type HiveVariant = 'hive' | 'hive-rust';

/** Hive Gateway forwards no client header by default; the Apollo gateway forwards `authorization`. */
const PROPAGATE =
  "propagateHeaders: { fromClientToSubgraphs: ({ request }) => (request.headers.get('authorization') ? { authorization: request.headers.get('authorization') } : {}) }";

async function waitForGraphQL(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`did not answer within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * Starts Hive Gateway (`@graphql-hive/gateway`, its CLI) on `supergraphPath` in one process (`--fork 1`
 * keeps it comparable with the one-process Apollo gateway, and its memory measurable), on a free
 * loopback port. `hive-rust` adds a config whose `unifiedGraphHandler` is the Rust query planner of
 * `@graphql-hive/router-runtime`. Throws with the engine's output when it cannot start.
 */
export async function startHiveGateway(options: {
  root: string;
  variant: HiveVariant;
  supergraphPath: string;
  workDir: string;
}): Promise<Engine> {
  const bin = join(options.root, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm install`);
  const port = await freePort();
  const configPath = join(options.workDir, `${options.variant}.config.mjs`);
  writeFileSync(
    configPath,
    options.variant === 'hive-rust'
      ? [
          "import { defineConfig } from '@graphql-hive/gateway';",
          "import { unifiedGraphHandler } from '@graphql-hive/router-runtime';",
          `export const gatewayConfig = defineConfig({ unifiedGraphHandler, ${PROPAGATE} });`,
          '',
        ].join('\n')
      : ["import { defineConfig } from '@graphql-hive/gateway';", `export const gatewayConfig = defineConfig({ ${PROPAGATE} });`, ''].join(
          '\n',
        ),
  );
  const child = spawn(
    process.execPath,
    [bin, 'supergraph', options.supergraphPath, '--host', '127.0.0.1', '--port', String(port), '--fork', '1', '--config-path', configPath],
    // The config's imports resolve from the repository's node_modules.
    {
      cwd: options.root,
      env: { ...process.env, NODE_ENV: 'production', NODE_PATH: join(options.root, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}/graphql`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    await waitForGraphQL(url, child, () => lines.join('\n'));
  } catch (error) {
    await stop();
    throw new Error(`${options.variant}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { name: options.variant, url, pid: child.pid, stop };
}

/**
 * Forks `script` (a compiled service of this repository) as engine `name` and resolves once it reports
 * `{ type: 'ready', url }` over IPC; rejects with its error output when it exits first.
 */
async function forkEngine(
  name: string,
  script: string,
  options: { args?: string[]; execArgv?: string[]; env: NodeJS.ProcessEnv },
): Promise<Engine> {
  const child = fork(script, options.args ?? [], {
    execArgv: [...process.execArgv, ...(options.execArgv ?? [])],
    env: options.env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const lines: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited (code ${code}): ${lines.join('')}`)));
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type === 'ready' && message.url) resolve(message.url);
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { name, url, pid: child.pid, stop };
}

/**
 * Starts one more Apollo gateway (the hub's own build) on `supergraphPath` with extra settings, e.g.
 * the response cache of dashboard operations, next to the one `startStack` runs.
 */
export function startApolloGateway(options: {
  root: string;
  name: string;
  supergraphPath: string;
  env: Record<string, string>;
}): Promise<Engine> {
  return forkEngine(options.name, join(options.root, 'gateway', 'dist', 'main.js'), {
    execArgv: GATEWAY_EXEC_ARGV,
    env: {
      ...process.env,
      APOLLO_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
      SUPERGRAPH_PATH: options.supergraphPath,
      ...options.env,
    },
  });
}

/**
 * Starts the `limit` engine (limit-server.ts, compiled): a plain `node:http` server with hand-written SQL
 * against `databaseUrls` for the bench's dashboard and lookup operations, in its own process so its
 * memory is measured and it does not share the bench's event loop. It answers other operations with 400.
 */
export function startLimitEngine(options: { root: string; databaseUrls: Record<string, string> }): Promise<Engine> {
  // The compiled server, like the gateway's dist/main.js above (also when the caller runs from source, as tests do).
  return forkEngine('limit', join(options.root, 'scripts', 'dist', 'lib', 'bench', 'limit-server.js'), {
    args: [options.root],
    env: { ...process.env, LIMIT_DATABASE_URLS: JSON.stringify(options.databaseUrls) },
  });
}
