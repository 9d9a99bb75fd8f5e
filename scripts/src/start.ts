import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readCommandLine, runCommand } from './lib/cli';
import { type DashboardServer, dashboardPort, startDashboardServer } from './lib/dashboard-server';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './lib/embedded-db';
import { databaseName, databaseVariable, readStartEnv, restartPolicy } from './lib/env';
import { explorerHint } from './lib/explorer-hint';
import { loadGermanyIfMissing } from './lib/germany';
import { ROOT } from './lib/root';
import { inRepoSubgraphs, type Stack, startStack } from './lib/stack';
import { describeSupervisorEvent, type SupervisedInstance, supervise, type Supervisor, type SupervisorEvent } from './lib/supervisor';
import { type Watch, watchRestartPolicy, watchSubgraphs } from './lib/watch';

const COMMAND = {
  name: 'start',
  usage: `usage: npm start [--watch]     (npm run dev: npm start -- --watch)

  --watch   development mode: a change in subgraphs/<name>/src (or packages/*/src: every subgraph) is
            built (tsc -b), the subgraph restarted from its new build, and schema/ recomposed once it
            runs, so the gateway switches to the new schema only when the new build serves it
  Starts every subgraph and the gateway on this machine and restarts any of them (and the embedded
  PostgreSQL) that crashes; Ctrl-C stops them. Settings come from the environment
  (scripts/.env.example lists them with their defaults):
    GATEWAY_PORT          the gateway's port (default 4000)
    DASHBOARD_PORT        the dashboard's port (default 4080; any free one with PORTS=free)
    PORTS                 config: the ports of schema/supergraph.yaml (default); free: any free ones
    <NAME>_DATABASE_URL   an existing database for each subgraph (for all or for none)
    EMBEDDED_PG_PORT      without them, an embedded PostgreSQL on this port (default 54329)
    EMBEDDED_PG_DIR       with its data here (default .data/postgres)
    RESTART_DELAY_MS      a crashed service is restarted after this delay (default 500),
    RESTART_MAX_DELAY_MS  doubled with each crash in a row up to this (default 10000),
    RESTART_STABLE_MS     and from the start again once it stayed up this long (default 30000)
    RESTART_MAX_CRASHES   more crashes than this of one service … (default 5)
    RESTART_WINDOW_MS     … within this window stop the hub with exit code 1 (default 60000)
    GATEWAY_SHARED_SECRET only the gateway may call the subgraphs (default: a new random one each run)
`,
  options: { watch: { type: 'boolean' as const } },
};

/** Pino's JSON lines, shown as `service │ message {details}` for a person at a terminal. */
function show(service: string, line: string): void {
  let text = line;
  try {
    const {
      msg,
      level: _level,
      time: _time,
      service: _service,
      name: _name,
      pid: _pid,
      hostname: _host,
      ...rest
    } = JSON.parse(line) as Record<string, unknown>;
    text = `${String(msg ?? '')}${Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : ''}`;
  } catch {
    // Not JSON: print as it is.
  }
  process.stdout.write(`${service.padEnd(13)} │ ${text}\n`);
}

/** One run of the embedded PostgreSQL server, as the supervisor watches it. */
const postgresRun = (database: EmbeddedDatabase): SupervisedInstance => ({
  pid: database.pid(),
  exited: database.whenExited(),
  stop: () => database.stop(),
});

/**
 * `npm start`: the whole hub on this machine. With a database URL per subgraph in the environment it
 * uses those; with none it runs an embedded PostgreSQL (data kept in .data/postgres). Every process it
 * starts is supervised: restarted when it crashes, until one crashes too often (docs/operations.md).
 */
async function main(): Promise<void> {
  const { values: flags } = readCommandLine(COMMAND);
  const names = inRepoSubgraphs(ROOT).map((entry) => entry.name);
  const env = readStartEnv(names);
  const given = Object.keys(env.databaseUrls);
  if (given.length > 0 && given.length < names.length) {
    const missing = names.filter((name) => !env.databaseUrls[name]).map(databaseVariable);
    process.stderr.write(
      `configuration error: ${missing.join(', ')}: set a database URL for every subgraph, or for none to use the embedded PostgreSQL\n`,
    );
    process.exit(1);
  }

  let stack: Promise<Stack> | undefined;
  let embedded: EmbeddedDatabase | undefined;
  let database: Supervisor | undefined;
  let dashboard: DashboardServer | undefined;
  let watching: Watch | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Ctrl-C at a terminal also reaches PostgreSQL and every service directly: none of them is restarted now.
    database?.halt();
    process.stdout.write('\nstopping the hub …\n');
    watching?.close();
    await dashboard?.close();
    // Also a stack still starting (PostgreSQL may give up meanwhile): once started, it is stopped.
    await (await stack?.catch(() => undefined))?.stop();
    await database?.stop();
    await embedded?.stop();
    process.exit(code);
  };
  const restart = {
    policy: flags.watch ? watchRestartPolicy(restartPolicy(env)) : restartPolicy(env),
    onEvent: (event: SupervisorEvent) => {
      show('supervisor', describeSupervisorEvent(event));
      if (event.kind !== 'gave-up' || stopping) return;
      process.stderr.write(
        `\n${event.service} keeps crashing (${event.crashesInWindow} crashes within ${event.windowMs / 1000} s, last: ${event.exit}): stopping the hub. Its output above says why.\n`,
      );
      void stop(1);
    },
  };

  let databaseUrls = env.databaseUrls;
  if (given.length === 0) {
    show('postgres', `starting embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_PG_PORT} (data in ${env.EMBEDDED_PG_DIR})`);
    embedded = await startEmbeddedPostgres({ dataDir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, persistent: true });
    await embedded.ensureDatabases(names.map(databaseName));
    const server = embedded;
    database = supervise({
      service: 'postgres',
      first: postgresRun(server),
      start: async () => {
        await server.restart();
        return postgresRun(server);
      },
      ...restart,
    });
    databaseUrls = Object.fromEntries(names.map((name) => [name, server.url(databaseName(name))]));
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let running: Stack;
  try {
    stack = startStack({
      root: ROOT,
      databaseUrls,
      ports: env.PORTS === 'free' ? 'free' : 'fixed',
      gatewayPort: env.GATEWAY_PORT,
      host: '127.0.0.1',
      // Only the gateway may call the subgraphs: a secret for this run unless one is given.
      env: { GATEWAY_SHARED_SECRET: process.env.GATEWAY_SHARED_SECRET || randomBytes(24).toString('base64url') },
      onLine: show,
      restart,
    });
    running = await stack;
    // The reference layer for all of Germany, once per database (data/germany/, README "Data for all of Germany").
    await loadGermanyIfMissing(ROOT, databaseUrls.locations!, (line) => show('data:import', line));
    // The reference dashboard (dashboard/, built by `npm run build`), its GraphQL passed on to the gateway.
    dashboard = await startDashboardServer({
      dir: join(ROOT, 'dashboard', 'dist'),
      gatewayUrl: running.gatewayUrl,
      port: dashboardPort(),
      host: '127.0.0.1',
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
    return;
  }
  const gatewayUrl = running.gatewayUrl.replace('127.0.0.1', 'localhost');
  process.stdout.write(
    [
      '',
      `  jobcenter-hub is running: ${gatewayUrl}`,
      `  ${explorerHint(gatewayUrl)} Ctrl-C stops everything.`,
      `  The dashboard: ${dashboard.url.replace('127.0.0.1', 'localhost')}`,
      '',
      ...running.subgraphs.map((service) => `  subgraph ${service.name.padEnd(14)} ${service.url} (pid ${service.process.pid})`),
      `  gateway  ${''.padEnd(14)} ${running.gatewayUrl} (pid ${running.gateway.process.pid})`,
      ...(embedded ? [`  postgres ${''.padEnd(14)} 127.0.0.1:${env.EMBEDDED_PG_PORT} (pid ${embedded.pid()})`] : []),
      '',
    ].join('\n'),
  );
  if (flags.watch) watching = watchSubgraphs({ root: ROOT, stack: running, log: (line) => show('dev', line) });
}

runCommand(COMMAND.name, main);
