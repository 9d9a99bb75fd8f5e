import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

/**
 * The gateway runs on @jobcenter-hub/service alone: loading it must not load what only subgraphs need
 * (the ORM, type-graphql and its validator, or the package that holds them). Both checks use the build
 * (`npm test` builds first), since that is what `npm start` runs.
 */
const GATEWAY = join(__dirname, '..');
const ROOT = join(GATEWAY, '..');
const DIST = join(GATEWAY, 'dist');

/** Path fragments of modules the gateway must never load (require.cache holds real paths). */
const FORBIDDEN = [
  `${sep}node_modules${sep}@mikro-orm${sep}`,
  `${sep}node_modules${sep}type-graphql${sep}`,
  `${sep}node_modules${sep}class-validator${sep}`,
  `${join(ROOT, 'packages', 'subgraph')}${sep}`,
];
const forbidden = (loaded: string[]) => loaded.filter((path) => FORBIDDEN.some((fragment) => path.includes(fragment)));
const loadedApolloGateway = (loaded: string[]) => loaded.some((path) => path.includes(`${sep}@apollo${sep}gateway${sep}`));

/** Every module of the gateway's source, as built, except the entry point (which starts a server). */
const modules = readdirSync(join(GATEWAY, 'src'))
  .filter((file) => file.endsWith('.ts') && file !== 'main.ts')
  .map((file) => join(DIST, file.replace(/\.ts$/, '.js')));

describe('the gateway loads no ORM and no type-graphql', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'gateway-no-orm-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('requiring every module of gateway/dist loads none of them', () => {
    expect(modules.length).toBeGreaterThan(5);
    const script = `for (const file of ${JSON.stringify(modules)}) require(file);
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
    expect(loadedApolloGateway(loaded)).toBe(true);
    expect(forbidden(loaded)).toEqual([]);
  });

  it('a started gateway (port 0, the committed supergraph) has loaded none of them', async () => {
    const hook = join(scratch, 'report-modules.js');
    // Preloaded into the gateway: answers a request over IPC with every module loaded so far.
    writeFileSync(
      hook,
      `process.on('message', (m) => m === 'loaded-modules' && process.send({ type: 'loaded-modules', loaded: Object.keys(require.cache) }));\n`,
    );
    const output: string[] = [];
    // No subgraph runs here: the gateway starts without them (its readiness would say so).
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SUPERGRAPH_PATH: join(ROOT, 'schema', 'supergraph.graphql'),
      SUPERGRAPH_POLL_MS: '0',
      SUPERGRAPH_HEALTH_CHECK: 'false',
      GATEWAY_WORKERS: '1',
      LOG_LEVEL: 'warn',
    };
    delete env.GATEWAY_CACHE_URL;
    const gateway = fork(join(DIST, 'main.js'), [], { execArgv: ['--require', hook], env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    gateway.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    gateway.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<void>((resolve) => gateway.once('exit', () => resolve()));
    try {
      const loaded = await new Promise<string[]>((resolve, reject) => {
        void exited.then(() => reject(new Error(`gateway exited before it was ready:\n${output.join('')}`)));
        gateway.on('message', (message: { type?: string; loaded?: string[] }) => {
          if (message.type === 'ready') gateway.send('loaded-modules');
          if (message.type === 'loaded-modules') resolve(message.loaded!);
        });
      });
      expect(loadedApolloGateway(loaded)).toBe(true);
      expect(forbidden(loaded)).toEqual([]);
    } finally {
      if (gateway.exitCode === null && gateway.signalCode === null) gateway.kill('SIGTERM');
      await exited;
    }
  });
});
