import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GATEWAY_SECRET_HEADER, subgraphCredential } from '@jobcenter-hub/service';
import { parse } from 'graphql';
import { readCommandLine, runCommand, usageError } from './lib/cli';
import { ROOT } from './lib/root';
import { inRepoSubgraphs, subgraphUrlVariable } from './lib/stack';
import { readSupergraphConfig } from './lib/supergraph-config';

const COMMAND = {
  name: 'subgraph:pull',
  usage: `usage: npm run subgraph:pull -- <subgraph name> [--url <its GraphQL URL>]

  Fetches the SDL a running subgraph from outside this repository serves (\`_service { sdl }\`) into
  schema/, so that a department can propose a change of it: then \`npm run schema:check\`,
  \`npm run compose\`, commit schema/ (docs/publishing-a-subgraph.md, section 8).

  --url   where the service answers GraphQL (default: SUBGRAPH_<NAME>_URL, else its routing_url in
          schema/supergraph.yaml; required for a subgraph not registered yet)

  The file is the one schema/supergraph.yaml names for it (else schema/<name>.graphql). Sends
  \`x-gateway-secret\`: SUBGRAPH_SECRET (the department's credential), else the subgraph's credential
  derived from GATEWAY_SHARED_SECRET, where set. The hub's own subgraphs are not pulled: their SDL comes
  from their code (\`npm run compose\`).
`,
  options: { url: { type: 'string' } },
  allowPositionals: true,
} as const;

const NAME = /^[a-z][a-z0-9-]*$/;

async function main(): Promise<void> {
  const { values, positionals } = readCommandLine(COMMAND);
  if (positionals.length !== 1) usageError(COMMAND, 'give exactly one subgraph name');
  const name = positionals[0]!;
  if (!NAME.test(name)) usageError(COMMAND, `${name}: a subgraph name is lower case letters, digits and "-", as in schema/supergraph.yaml`);
  if (inRepoSubgraphs(ROOT).some((entry) => entry.name === name)) {
    throw new Error(`${name} lives in this repository (subgraphs/${name}): its SDL comes from its code, run \`npm run compose\``);
  }
  const configPath = join(ROOT, 'schema', 'supergraph.yaml');
  const entry = readSupergraphConfig(configPath).subgraphs.find((subgraph) => subgraph.name === name);
  const url = values.url ?? process.env[subgraphUrlVariable(name)] ?? entry?.routingUrl;
  if (!url) usageError(COMMAND, `${name} is not in schema/supergraph.yaml: give its URL with --url`);
  try {
    new URL(url);
  } catch {
    usageError(COMMAND, `--url ${url}: must be a URL, e.g. https://notices.stadt.example/graphql`);
  }
  const master = process.env.GATEWAY_SHARED_SECRET;
  const credential = process.env.SUBGRAPH_SECRET ?? (master ? subgraphCredential(master, name) : undefined);

  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(credential ? { [GATEWAY_SECRET_HEADER]: credential } : {}) },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`${url} did not answer (${cause})`, { cause: error });
  }
  if (response.status === 401) throw new Error(`${url} refused the request (401): set SUBGRAPH_SECRET to its credential`);
  let sdl: unknown;
  try {
    sdl = ((await response.json()) as { data?: { _service?: { sdl?: unknown } } }).data?._service?.sdl;
  } catch {
    sdl = undefined;
  }
  if (typeof sdl !== 'string' || sdl.trim() === '') {
    throw new Error(
      `${url} answered HTTP ${response.status} without \`_service { sdl }\`: is it a Federation subgraph (docs/subgraph-contract.md)?`,
    );
  }
  try {
    parse(sdl);
  } catch (error) {
    throw new Error(`the SDL ${url} serves does not parse: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const file = entry?.schemaFile ?? join(ROOT, 'schema', `${name}.graphql`);
  const existed = existsSync(file);
  writeFileSync(file, sdl.endsWith('\n') ? sdl : `${sdl}\n`);
  const shown = relative(ROOT, file);
  process.stdout.write(`${existed ? 'updated' : 'wrote'} ${shown} from ${url}\n`);
  if (!entry) {
    process.stdout.write(
      `add it to schema/supergraph.yaml:\n  ${name}:\n    routing_url: ${url}\n    schema:\n      file: ./${relative(join(ROOT, 'schema'), file)}\n`,
    );
  }
  process.stdout.write(`next: npm run schema:check, npm run compose, then commit schema/ (git diff ${shown} shows the change)\n`);
}

runCommand(COMMAND.name, main);
