import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ApolloServerPlugin, BaseContext, GraphQLServerContext } from '@apollo/server';
import { parse } from 'graphql';
import { readGatewayEnv } from '../src/env';
import { createExplorer, type Explorer, type ExplorerMode, readExplorerExamples } from '../src/explorer';

const OPERATIONS = join(__dirname, '..', '..', 'operations');

/** The explorer of `mode` behind a real HTTP server; requests it does not answer get 404. */
async function serve(mode: ExplorerMode): Promise<{ explorer: Explorer; base: string; server: Server }> {
  const explorer = createExplorer({ mode, operationsDir: OPERATIONS });
  const server = createServer((req, res) => {
    if (!explorer.serve(req, res, new URL(req.url ?? '/', 'http://localhost'))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { explorer, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The HTML the landing-page plugin renders for the GraphQL URL, or undefined when it renders none. */
async function landingHtml(plugin: ApolloServerPlugin<BaseContext>): Promise<string | undefined> {
  const listener = await plugin.serverWillStart?.({} as GraphQLServerContext);
  const page = await listener?.renderLandingPage?.();
  if (!page) return undefined;
  return typeof page.html === 'string' ? page.html : page.html();
}

describe('the offline explorer', () => {
  it('offers every saved operation, with values for the variables it requires', () => {
    const examples = readExplorerExamples(OPERATIONS);
    const files = readdirSync(OPERATIONS).filter((file) => file.endsWith('.graphql'));
    expect(examples.map((example) => `${example.name}.graphql`).sort()).toEqual(files.sort());
    for (const example of examples) {
      const variables = JSON.parse(example.variables) as Record<string, unknown>;
      for (const definition of parse(example.query).definitions) {
        if (definition.kind !== 'OperationDefinition') continue;
        for (const variable of definition.variableDefinitions ?? []) {
          const required = variable.type.kind === 'NonNullType' && !variable.defaultValue;
          if (required)
            expect({
              example: example.name,
              variable: variable.variable.name.value,
              has: variable.variable.name.value in variables,
            }).toEqual({
              example: example.name,
              variable: variable.variable.name.value,
              has: true,
            });
        }
      }
    }
    expect(JSON.parse(examples.find((example) => example.name === 'ResponsibleSite')!.variables)).toEqual({ postcode: '48159' });
    expect(readExplorerExamples(join(OPERATIONS, 'no-such-folder'))).toEqual([]);
  });

  it('serves GraphiQL and its files from the gateway, with a policy that allows nothing from elsewhere', async () => {
    const { base, server } = await serve('sandbox');
    try {
      const page = await fetch(`${base}/explorer`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const html = await page.text();
      // Only the gateway's own files: no URL of another host anywhere in the page.
      expect(html).not.toMatch(/https?:\/\//);
      const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]!);
      const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!);
      expect(scripts).toEqual([
        '/explorer/react.production.min.js',
        '/explorer/react-dom.production.min.js',
        '/explorer/graphiql.min.js',
        '/explorer/explorer.js',
      ]);
      for (const path of [...scripts, ...styles]) {
        const file = await fetch(`${base}${path}`);
        expect({ path, status: file.status }).toEqual({ path, status: 200 });
        expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
      }
      // The saved operations travel in the page as data, with `<` escaped so that no text can end the script element.
      const config = /<script id="explorer-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
      expect(config).not.toContain('<');
      const parsed = JSON.parse(config) as { endpoint: string; examples: { name: string }[] };
      expect(parsed.endpoint).toBe('/graphql');
      expect(parsed.examples.map((example) => example.name)).toContain('HubWalk');
      expect((await fetch(`${base}/explorer/../package.json`)).status).toBe(404);
      expect((await fetch(`${base}/explorer/graphiql.min.js.map`)).status).toBe(404);
      expect((await fetch(`${base}/explorer`, { method: 'POST' })).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('keeps Apollo Sandbox on the GraphQL URL, linking to the offline explorer where it cannot load', async () => {
    const { explorer, server } = await serve('sandbox');
    server.close();
    const html = (await landingHtml(explorer.landingPage))!;
    expect(html).toContain('embeddable-sandbox');
    expect(html).toContain('the <a href="/explorer">offline explorer</a>');
    // Sandbox's empty frame must not cover the link.
    expect(html).toContain('#embeddableSandbox:empty { display: none; }');
  });

  it('puts the offline explorer on the GraphQL URL with graphiql, and serves nothing with off', async () => {
    const graphiql = await serve('graphiql');
    graphiql.server.close();
    const html = (await landingHtml(graphiql.explorer.landingPage))!;
    expect(html).toContain('/explorer/graphiql.min.js');
    expect(html).not.toContain('embeddable-sandbox');

    const off = await serve('off');
    try {
      expect((await fetch(`${off.base}/explorer`)).status).toBe(404);
      expect(await landingHtml(off.explorer.landingPage)).toBeUndefined();
    } finally {
      off.server.close();
    }
  });
});

describe('GATEWAY_EXPLORER', () => {
  it('is sandbox by default, off in production unless set', () => {
    const secret = { GATEWAY_SHARED_SECRET: 'a-shared-secret-for-this-test-only' };
    expect(readGatewayEnv({}).explorer.mode).toBe('sandbox');
    expect(readGatewayEnv({ GATEWAY_EXPLORER: 'graphiql' }).explorer.mode).toBe('graphiql');
    expect(readGatewayEnv({ NODE_ENV: 'production', ...secret }).explorer.mode).toBe('off');
    expect(readGatewayEnv({ NODE_ENV: 'production', GATEWAY_EXPLORER: 'graphiql', ...secret }).explorer.mode).toBe('graphiql');
  });

  it('refuses the old SANDBOX setting and unknown modes, naming the variable', () => {
    const read = (env: Record<string, string>) =>
      spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const old = read({ SANDBOX: 'true' });
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('configuration error: SANDBOX: was replaced by GATEWAY_EXPLORER=sandbox|graphiql|off');
    const unknown = read({ GATEWAY_EXPLORER: 'playground' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('configuration error: GATEWAY_EXPLORER');
  });
});
