import { numberOption, readCommandLine, runCommand, usageError } from './lib/cli';
import { ROOT } from './lib/root';
import { FIRST_PORT, type ScaffoldResult, scaffoldSubgraph } from './lib/scaffold';

const COMMAND = {
  name: 'subgraph:new',
  usage: `usage: npm run subgraph:new -- <name> [--entity <EntityName>] [--port <port>]

  <name>      lower-case words joined by "-", e.g. youth-office
  --entity    the entity type it starts with (default: from the name, e.g. kita-places → KitaPlace)
  --port      its port (default: the next free one from ${FIRST_PORT})
`,
  options: { entity: { type: 'string' }, port: { type: 'string' } },
  allowPositionals: true,
} as const;

/** `npm run subgraph:new -- <name>`: scaffolds the package and prints what to run next. */
async function main(): Promise<void> {
  const { values, positionals } = readCommandLine(COMMAND);
  if (positionals.length !== 1) usageError(COMMAND, positionals.length === 0 ? 'the subgraph name is missing' : 'one subgraph name only');
  const port = values.port === undefined ? undefined : numberOption(COMMAND, 'port', values.port, { integer: true, min: 1024, max: 65535 });
  let result: ScaffoldResult;
  try {
    result = await scaffoldSubgraph(ROOT, { name: positionals[0]!, entity: values.entity, port });
  } catch (error) {
    process.stderr.write(`subgraph:new: nothing was changed:\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const { name, entity } = result.names;
  process.stdout.write(
    [
      `created subgraphs/${name}: ${entity} (entity, inputs, queries, mutations and audit trail, loader, migration, demo seed, test), extending District and Partner`,
      `edited ${result.edited.join(', ')}`,
      '',
      'next:',
      `  npm install               link the new workspace (updates package-lock.json)`,
      `  npm run compose           build, write schema/${name}.graphql and schema/supergraph.graphql`,
      `  npm run schema:check      composition, breaking changes, saved operations`,
      `  npm test                  includes subgraphs/${name}/test`,
      `  npm start                 the hub, with ${name} on http://localhost:${result.names.port}/graphql`,
      `  docker compose            add ${name.toUpperCase().replace(/-/g, '_')}_DB_PASSWORD=<random> to .env; on a volume in use, create its role too (docs/operations.md)`,
      '',
      'The whole way, with the checks that protect the graph: docs/publishing-a-subgraph.md',
      '',
    ].join('\n'),
  );
}

runCommand(COMMAND.name, main);
