import { readCommandLine, runCommand } from './lib/cli';
import { PERSISTED_QUERY_MANIFEST, writeComposition } from './lib/compose';
import { ROOT } from './lib/root';

const COMMAND = {
  name: 'compose',
  usage: `usage: npm run compose

  Builds, prints each in-repo subgraph's SDL to schema/<name>.graphql and composes them (with the SDL
  files of subgraphs from elsewhere, as schema/supergraph.yaml lists them) into schema/supergraph.graphql;
  writes the saved operations of operations/ to schema/persisted-query-manifest.json (Apollo's
  persisted-query manifest: the gateway's trusted documents).
`,
  options: {},
};

/** `npm run compose`: writes `schema/<name>.graphql` for in-repo subgraphs, `schema/supergraph.graphql` and the manifest. */
async function main(): Promise<void> {
  readCommandLine(COMMAND);
  const names = await writeComposition(ROOT);
  process.stdout.write(
    `composed ${names.length} subgraphs (${names.join(', ')}) into schema/supergraph.graphql; saved operations into ${PERSISTED_QUERY_MANIFEST}\n`,
  );
}

runCommand(COMMAND.name, main);
