import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { composeSupergraph } from '../../scripts/src/lib/compose';
import { NOTICES_SDL } from '../../test/support/external-subgraph';
import { post, ROOT } from '../../test/support/hub';

// What the supergraph URL answers; the test changes it and watches the gateway follow.
let answer: { status: number; body: string };
let registry: Server;
let gateway: ChildProcess;
let gatewayUrl: string;
const lines: string[] = [];

beforeAll(async () => {
  answer = { status: 200, body: readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8') };
  registry = createServer((_req, res) => res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body));
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  const registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/supergraph.graphql`;
  // No subgraph runs here: the switch is seen in the gateway's schema, so it need not wait for them.
  gateway = fork(join(ROOT, 'gateway', 'dist', 'main.js'), [], {
    env: {
      ...process.env,
      PORT: '0',
      SUPERGRAPH_PATH: registryUrl,
      SUPERGRAPH_POLL_MS: '100',
      SUPERGRAPH_HEALTH_CHECK: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  gateway.stdout!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  gateway.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  gatewayUrl = await new Promise<string>((resolve, reject) => {
    gateway.once('exit', (code) => reject(new Error(`gateway exited (${code}):\n${lines.join('')}`)));
    gateway.on('message', (message: { type?: string; url?: string }) => message.type === 'ready' && resolve(message.url!));
  });
});

afterAll(async () => {
  if (gateway?.exitCode === null) {
    const exited = new Promise((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGTERM');
    await exited;
  }
  registry?.closeAllConnections();
  await new Promise((resolve) => registry?.close(resolve));
});

/** The fields of Organisation the gateway serves now (introspection needs no subgraph). */
async function organisationFields(): Promise<string[]> {
  const { body } = await post<{ __type: { fields: { name: string }[] } }>(
    gatewayUrl,
    '{ __type(name: "Organisation") { fields { name } } }',
  );
  return body.data!.__type.fields.map((field) => field.name);
}

async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting until ${what}:\n${lines.join('')}`);
}

describe('a gateway whose SUPERGRAPH_PATH is a URL', () => {
  it('keeps serving when the URL fails or answers something invalid, and switches when it answers a new supergraph', async () => {
    expect(await organisationFields()).not.toContain('notices');
    const good = answer.body;

    answer = { status: 503, body: 'down for maintenance' };
    await eventually(() => lines.join('').includes('supergraph unreadable'), 'the gateway logs the failed poll');
    answer = { status: 200, body: good.slice(0, 1000) };
    await eventually(() => lines.join('').includes('supergraph refused'), 'the gateway refuses the broken supergraph');
    expect(await organisationFields()).not.toContain('notices');

    const { supergraphSdl } = await composeSupergraph(ROOT, { sdlFrom: 'files', candidates: { notices: NOTICES_SDL } });
    answer = { status: 200, body: supergraphSdl };
    await eventually(async () => (await organisationFields()).includes('notices'), 'the gateway serves the new supergraph');
    expect(gateway.exitCode).toBeNull();
  });
});
