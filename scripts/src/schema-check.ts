import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCommandLine, runCommand, usageError } from './lib/cli';
import { ROOT } from './lib/root';
import { checkSchema, formatSchemaCheck, schemaCheckPassed } from './lib/schema-check';

const COMMAND = {
  name: 'schema:check',
  usage: `usage: npm run schema:check -- [--subgraph <name>=<sdl file>]... [--supergraph <file>] [--base <revision or file>]

  --subgraph name=file   check a proposed SDL: replaces subgraph <name>, or joins as a new subgraph
  --supergraph file      check a supergraph composed elsewhere, as it is
  --base revision|file   compare with this (default: schema/supergraph.graphql as committed at HEAD;
                         in CI on a branch, the target branch, e.g. --base origin/main)
`,
  options: {
    subgraph: { type: 'string', multiple: true },
    supergraph: { type: 'string' },
    base: { type: 'string' },
  },
} as const;

/** `npm run schema:check`: prints the report; exits 1 when the check fails, 2 on a usage error. */
async function main(): Promise<void> {
  const { values } = readCommandLine(COMMAND);
  const subgraphFiles: Record<string, string> = {};
  for (const value of values.subgraph ?? []) {
    const match = /^([a-z][a-z0-9_-]*)=(.+)$/.exec(value);
    if (!match || !existsSync(match[2]!)) {
      usageError(COMMAND, `--subgraph ${value}: expected <name>=<existing SDL file>, e.g. --subgraph youth-office=./youth-office.graphql`);
    }
    subgraphFiles[match[1]!] = resolve(match[2]!);
  }
  if (values.supergraph && !existsSync(values.supergraph)) usageError(COMMAND, `--supergraph ${values.supergraph}: no such file`);
  if (values.supergraph && Object.keys(subgraphFiles).length > 0) {
    usageError(COMMAND, '--supergraph and --subgraph do not go together: a composed supergraph already contains its subgraphs');
  }
  const result = await checkSchema({ root: ROOT, supergraphFile: values.supergraph, subgraphFiles, base: values.base });
  process.stdout.write(formatSchemaCheck(result));
  process.exit(schemaCheckPassed(result) ? 0 : 1);
}

runCommand(COMMAND.name, main);
