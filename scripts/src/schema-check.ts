import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomically } from './lib/compose';
import { readCommandLine, runCommand, usageError } from './lib/cli';
import { ROOT } from './lib/root';
import { checkSchema, formatSchemaCheck, PUBLISHED_SUPERGRAPH, schemaCheckPassed } from './lib/schema-check';

const COMMAND = {
  name: 'schema:check',
  usage: `usage: npm run schema:check -- [--subgraph <name>=<sdl file>]... [--supergraph <file>] [--base <revision or file>]
       npm run schema:check -- --publish [--accept-breaking]

  --subgraph name=file   check a proposed SDL: replaces subgraph <name>, or joins as a new subgraph
  --supergraph file      check a supergraph composed elsewhere, as it is
  --base revision|file   compare with this (default: the published supergraph recorded in
                         ${PUBLISHED_SUPERGRAPH}; a git revision means its schema/supergraph.graphql,
                         e.g. --base origin/main)
  --publish              after a passing check, record the checked supergraph as published
                         (${PUBLISHED_SUPERGRAPH}): what later checks compare with
  --accept-breaking      with --publish: record it even with breaking changes (they are listed;
                         announce them to the graph's clients first)
`,
  options: {
    subgraph: { type: 'string', multiple: true },
    supergraph: { type: 'string' },
    base: { type: 'string' },
    publish: { type: 'boolean' },
    'accept-breaking': { type: 'boolean' },
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
  if (values['accept-breaking'] && !values.publish) usageError(COMMAND, '--accept-breaking goes only with --publish');
  if (values.publish && (values.base !== undefined || values.supergraph !== undefined || Object.keys(subgraphFiles).length > 0)) {
    usageError(
      COMMAND,
      '--publish records the subgraphs of schema/supergraph.yaml against the published supergraph: no --base, --supergraph or --subgraph',
    );
  }
  const result = await checkSchema({ root: ROOT, supergraphFile: values.supergraph, subgraphFiles, base: values.base });
  process.stdout.write(formatSchemaCheck(result));
  if (!values.publish) process.exit(schemaCheckPassed(result) ? 0 : 1);
  // Breaking changes are what --accept-breaking accepts; everything else must pass.
  const accepted = result.kind === 'checked' && values['accept-breaking'] ? { ...result, breaking: [] } : result;
  if (accepted.kind !== 'checked' || !schemaCheckPassed(accepted)) {
    process.stdout.write(
      `not published: ${result.kind === 'checked' && result.breaking.length > 0 && schemaCheckPassed({ ...result, breaking: [] }) ? 'breaking changes (--accept-breaking records them anyway)' : 'the check failed'}\n`,
    );
    process.exit(1);
  }
  const file = join(ROOT, PUBLISHED_SUPERGRAPH);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomically(file, accepted.supergraphSdl);
  process.stdout.write(`published: wrote ${PUBLISHED_SUPERGRAPH}; commit it\n`);
  process.exit(0);
}

runCommand(COMMAND.name, main);
