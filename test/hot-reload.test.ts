import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph } from '../scripts/src/compose';
import { NOTICES_SDL, type ExternalSubgraph, startExternalSubgraph } from './support/external-subgraph';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';

const HUB_WALK = readFileSync(join(ROOT, 'operations', 'HubWalk.graphql'), 'utf8');
const NOTICES = '{ organisation(id: "jobcenter-muenster") { name notices } }';

let hub: TestHub;
let notices: ExternalSubgraph;
let dir: string;
let supergraphPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jobcenter-hub-reload-'));
  supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, await readFile(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
  notices = await startExternalSubgraph();
  // The gateway starts on the four subgraphs; the URL of the fifth waits for a supergraph that names it.
  hub = await startTestHub({ supergraphPath, env: { SUBGRAPH_NOTICES_URL: notices.url } });
});

afterAll(async () => {
  await hub?.stop();
  await notices?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Retries `check` until it returns true (the gateway reacts to file events within a fraction of a second). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting until ${what}\n${hub.lines.join('\n')}`);
}

describe('the gateway follows its supergraph file', () => {
  it('refuses a broken supergraph with a log line and keeps answering on the old one', async () => {
    const pid = hub.gateway.process.pid;
    const good = await readFile(supergraphPath, 'utf8');
    await writeFile(supergraphPath, good.slice(0, good.length / 2));
    await eventually(async () => hub.lines.some((line) => line.includes('supergraph refused')), 'the gateway logs the refusal');
    expect(hub.lines.find((line) => line.includes('supergraph refused'))).toContain(supergraphPath);
    const { status, body } = await post(hub.gatewayUrl, HUB_WALK);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(hub.gateway.process.pid).toBe(pid);
    expect(hub.gateway.process.exitCode).toBeNull();
    await writeFile(supergraphPath, good);
  });

  it('switches to a supergraph with one more subgraph without a restart, and requests in flight finish', async () => {
    const pid = hub.gateway.process.pid;
    expect((await post(hub.gatewayUrl, NOTICES)).status).toBe(400);
    const { supergraphSdl } = await composeSupergraph(ROOT, { sdlFrom: 'files', candidates: { notices: NOTICES_SDL } });

    // Ten clients keep walking the hub before, during and after the switch.
    let running = true;
    let answered = 0;
    const failures: unknown[] = [];
    const clients = Array.from({ length: 10 }, async () => {
      while (running) {
        const { status, body } = await post(hub.gatewayUrl, HUB_WALK);
        if (status !== 200 || body.errors) failures.push(body.errors ?? status);
        answered += 1;
      }
    });
    await eventually(async () => answered > 20, 'the clients are answered');
    await writeFile(supergraphPath, supergraphSdl);
    await eventually(async () => (await post(hub.gatewayUrl, NOTICES)).status === 200, 'the gateway serves the new supergraph');
    const atSwitch = answered;
    await eventually(async () => answered > atSwitch + 20, 'the clients are answered after the switch');
    running = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(hub.gateway.process.pid).toBe(pid);

    // The new subgraph gets the caller's credentials and request id, like every subgraph.
    const { body } = await post<{ organisation: { name: string; notices: string[] } }>(hub.gatewayUrl, NOTICES, {}, {
      authorization: 'Bearer dashboard-token',
      'x-request-id': 'reload-42',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.organisation.notices[0]).toContain('jobcenter-muenster');
    expect(notices.requests.at(-1)).toMatchObject({ authorization: 'Bearer dashboard-token', 'x-request-id': 'reload-42' });
  });
});
