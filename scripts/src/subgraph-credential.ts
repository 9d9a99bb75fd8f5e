import { subgraphCredential } from '@jobcenter-hub/service';
import { readCommandLine, runCommand, usageError } from './lib/cli';

const COMMAND = {
  name: 'subgraph:credential',
  usage: `usage: npm run subgraph:credential -- <subgraph name>   (GATEWAY_SHARED_SECRET set; npm run -s prints the credential alone)

  Prints the credential of one subgraph, and nothing else: HMAC-SHA256(GATEWAY_SHARED_SECRET, name) in hex,
  what the gateway sends that subgraph in \`x-gateway-secret\`. Give it to the department that runs the
  subgraph as its SUBGRAPH_SECRET: it opens that subgraph only, never another one (docs/security.md).
  Run by the hub's operators, who hold GATEWAY_SHARED_SECRET; the name is the one in schema/supergraph.yaml.
`,
  options: {},
  allowPositionals: true,
} as const;

const NAME = /^[a-z][a-z0-9-]*$/;

/** `npm run subgraph:credential -- city-notices`: prints that subgraph's credential under the gateway's secret. */
function main(): void {
  const { positionals } = readCommandLine(COMMAND);
  if (positionals.length !== 1) usageError(COMMAND, 'give exactly one subgraph name');
  const name = positionals[0]!;
  if (!NAME.test(name)) usageError(COMMAND, `${name}: a subgraph name is lower case letters, digits and "-", as in schema/supergraph.yaml`);
  const master = process.env.GATEWAY_SHARED_SECRET;
  if (!master || master.length < 16) {
    process.stderr.write("subgraph:credential: set GATEWAY_SHARED_SECRET to the gateway's secret (16 characters or more)\n");
    process.exit(1);
  }
  process.stdout.write(`${subgraphCredential(master, name)}\n`);
}

runCommand(COMMAND.name, main);
