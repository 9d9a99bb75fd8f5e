import { readCommandLine, runCommand } from './lib/cli';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './lib/embedded-db';
import { databaseName, databaseVariable, readStartEnv } from './lib/env';
import { ROOT } from './lib/root';
import { inRepoSubgraphs, startStack } from './lib/stack';

const COMMAND = {
  name: 'start',
  usage: `usage: npm start

  Starts every subgraph and the gateway on this machine; Ctrl-C stops them. Settings come from the
  environment (scripts/.env.example lists them with their defaults):
    GATEWAY_PORT          the gateway's port (default 4000)
    PORTS                 config: the ports of schema/supergraph.yaml (default); free: any free ones
    <NAME>_DATABASE_URL   an existing database for each subgraph (for all or for none)
    EMBEDDED_PG_PORT      without them, an embedded PostgreSQL on this port (default 54329)
    EMBEDDED_PG_DIR       with its data here (default .data/postgres)
`,
  options: {},
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

/**
 * `npm start`: the whole hub on this machine. With a database URL per subgraph in the environment it
 * uses those; with none it runs an embedded PostgreSQL (data kept in .data/postgres).
 */
async function main(): Promise<void> {
  readCommandLine(COMMAND);
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

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrls = env.databaseUrls;
  if (given.length === 0) {
    show('postgres', `starting embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_PG_PORT} (data in ${env.EMBEDDED_PG_DIR})`);
    embedded = await startEmbeddedPostgres({ dataDir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, persistent: true });
    await embedded.ensureDatabases(names.map(databaseName));
    databaseUrls = Object.fromEntries(names.map((name) => [name, embedded!.url(databaseName(name))]));
  }

  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping the hub …\n');
    await stack?.stop();
    await embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    stack = await startStack({
      root: ROOT,
      databaseUrls,
      ports: env.PORTS === 'free' ? 'free' : 'fixed',
      gatewayPort: env.GATEWAY_PORT,
      host: '127.0.0.1',
      onLine: show,
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
    return;
  }
  const gatewayUrl = stack.gatewayUrl.replace('127.0.0.1', 'localhost');
  process.stdout.write(
    [
      '',
      `  jobcenter-hub is running: ${gatewayUrl}`,
      '  Open it in a browser for Apollo Sandbox, or POST GraphQL to it. Ctrl-C stops everything.',
      '',
      ...stack.subgraphs.map((service) => `  subgraph ${service.name.padEnd(14)} ${service.url}`),
      '',
    ].join('\n'),
  );
  for (const service of [...stack.subgraphs, stack.gateway]) {
    service.process.once('exit', (code, signal) => {
      if (stopping) return;
      process.stderr.write(`${service.name} stopped unexpectedly (${signal ?? `code ${code}`}); stopping the hub\n`);
      void stop(1);
    });
  }
}

runCommand(COMMAND.name, main);
