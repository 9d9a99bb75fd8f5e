import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
// The package and version (@apollo/composition and @apollo/gateway pin it exactly) that derives the API
// schema the gateway serves: checking against anything else could miss what clients see.
import { Supergraph } from '@apollo/federation-internals';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { type GraphQLSchema, parse, TypeInfo, validate, visit, visitWithTypeInfo } from 'graphql';
import { CompositionError, composeSupergraph } from './compose';

export interface SchemaCheckOptions {
  /** The repository root: its schema/supergraph.yaml, subgraphs and operations/. */
  root: string;
  /** A composed supergraph to check as it is, instead of composing the subgraphs. */
  supergraphFile?: string;
  /** Proposed SDL files by subgraph name: each replaces that subgraph's SDL, or joins as a new subgraph. */
  subgraphFiles?: Record<string, string>;
  /** What to compare with: a file, or a git revision whose schema/supergraph.graphql counts. Default HEAD. */
  base?: string;
  /** Where in-repo subgraphs' SDL comes from (see composeSupergraph); default their build. */
  sdlFrom?: 'build' | 'files';
}

export interface OperationProblem {
  /** The operation file, relative to the root. */
  file: string;
  message: string;
}

export type SchemaCheckResult =
  | { kind: 'composition-failed'; candidate: string; messages: string[] }
  | { kind: 'invalid-supergraph'; candidate: string; messages: string[] }
  | {
      kind: 'checked';
      candidate: string;
      base: string;
      breaking: Change[];
      dangerous: Change[];
      safe: Change[];
      /** Which saved operations use each breaking change's schema element, by change path. */
      usedBy: Map<string, string[]>;
      operations: string[];
      operationProblems: OperationProblem[];
    };

/** The public API of a supergraph, as the gateway serves it (no join/link machinery, no @inaccessible). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl, { validateSupergraph: true }).apiSchema().toGraphQLJSSchema();
}

/** A path for the report: relative inside the repository, absolute outside it. */
function shown(root: string, file: string): string {
  const path = relative(root, resolve(file));
  return path.startsWith('..') ? resolve(file) : path;
}

function readBase(root: string, base: string | undefined): { sdl: string; label: string } {
  if (base !== undefined && existsSync(resolve(base))) return { sdl: readFileSync(resolve(base), 'utf8'), label: shown(root, base) };
  const revision = base ?? 'HEAD';
  try {
    const sdl = execFileSync('git', ['show', `${revision}:schema/supergraph.graphql`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { sdl, label: `schema/supergraph.graphql at ${revision}` };
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || String(error);
    throw new Error(`--base ${revision}: neither a file nor a git revision with schema/supergraph.graphql (${detail})`, { cause: error });
  }
}

/** The schema coordinates an operation document uses in `schema`: `Type.field` and `Type.field.argument`. */
function coordinatesOf(schema: GraphQLSchema, source: string): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const fieldCoordinate = () => {
    const parent = typeInfo.getParentType();
    const field = typeInfo.getFieldDef();
    return parent && field ? `${parent.name}.${field.name}` : undefined;
  };
  visit(
    parse(source),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const coordinate = fieldCoordinate();
        if (coordinate) used.add(coordinate);
      },
      Argument(node) {
        const coordinate = fieldCoordinate();
        if (coordinate) used.add(`${coordinate}.${node.name.value}`);
      },
    }),
  );
  return used;
}

/** A change at `path` (a type, field or argument) reaches an operation that uses `coordinate` at or below it. */
const touches = (path: string, coordinate: string) => coordinate === path || coordinate.startsWith(`${path}.`);

/**
 * The checks that protect the graph's users from a subgraph change: the subgraphs must compose; the
 * new public API is compared with the base (breaking changes fail, dangerous ones warn); every saved
 * operation in operations/ must still validate.
 */
export async function checkSchema(options: SchemaCheckOptions): Promise<SchemaCheckResult> {
  const { root } = options;
  const candidates = Object.fromEntries(
    Object.entries(options.subgraphFiles ?? {}).map(([name, file]) => [name, readFileSync(file, 'utf8')]),
  );
  const named = Object.entries(options.subgraphFiles ?? {}).map(([name, file]) => `${name} from ${shown(root, file)}`);
  const candidate = options.supergraphFile
    ? shown(root, options.supergraphFile)
    : `the subgraphs of schema/supergraph.yaml${named.length > 0 ? `, with ${named.join(', ')}` : ''}`;

  let candidateSdl: string;
  try {
    candidateSdl = options.supergraphFile
      ? readFileSync(options.supergraphFile, 'utf8')
      : (await composeSupergraph(root, { sdlFrom: options.sdlFrom, candidates })).supergraphSdl;
  } catch (error) {
    if (error instanceof CompositionError) return { kind: 'composition-failed', candidate, messages: error.messages };
    throw error;
  }
  const base = readBase(root, options.base);
  const before = apiSchemaOf(base.sdl);
  let after: GraphQLSchema;
  try {
    after = apiSchemaOf(candidateSdl);
  } catch (error) {
    return { kind: 'invalid-supergraph', candidate, messages: [error instanceof Error ? error.message : String(error)] };
  }

  const changes = await diff(before, after);
  const level = (wanted: CriticalityLevel) => changes.filter((change) => change.criticality.level === wanted);
  const operationsDir = join(root, 'operations');
  const operations = existsSync(operationsDir)
    ? readdirSync(operationsDir)
        .filter((name) => name.endsWith('.graphql'))
        .sort()
        .map((name) => join('operations', name))
    : [];
  const operationProblems: OperationProblem[] = [];
  const usedBy = new Map<string, string[]>();
  const breaking = level(CriticalityLevel.Breaking);
  for (const file of operations) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const error of validate(after, parse(source))) {
      const where = error.locations?.[0] ? ` (line ${error.locations[0].line})` : '';
      operationProblems.push({ file, message: `${error.message}${where}` });
    }
    const used = coordinatesOf(before, source);
    for (const change of breaking) {
      if (change.path && [...used].some((coordinate) => touches(change.path!, coordinate))) {
        usedBy.set(change.path, [...(usedBy.get(change.path) ?? []), file]);
      }
    }
  }
  return {
    kind: 'checked',
    candidate,
    base: base.label,
    breaking,
    dangerous: level(CriticalityLevel.Dangerous),
    safe: level(CriticalityLevel.NonBreaking),
    usedBy,
    operations,
    operationProblems,
  };
}

export const schemaCheckPassed = (result: SchemaCheckResult) =>
  result.kind === 'checked' && result.breaking.length === 0 && result.operationProblems.length === 0;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The report a person reads: every breaking change by schema coordinate, what uses it, and a verdict. */
export function formatSchemaCheck(result: SchemaCheckResult): string {
  const lines: string[] = [`schema check of ${result.candidate}`];
  switch (result.kind) {
    case 'composition-failed':
    case 'invalid-supergraph': {
      const [problem, verdict] =
        result.kind === 'composition-failed'
          ? ['the subgraphs do not compose', 'composition']
          : ['not a valid supergraph', 'invalid supergraph'];
      lines.push('', `✗ ${problem}:`, ...result.messages.map((message) => `  - ${message}`), '', `schema check failed: ${verdict}`);
      return `${lines.join('\n')}\n`;
    }
    case 'checked':
      break;
  }
  const item = (mark: string, change: Change) => `  ${mark} ${change.path ?? '(schema)'}: ${change.message}`;
  lines.push(`against ${result.base}`, '');
  if (result.breaking.length > 0) {
    lines.push(`✗ ${plural(result.breaking.length, 'breaking change')} (clients that use these fail):`);
    for (const change of result.breaking) {
      lines.push(item('✗', change));
      const users = change.path ? result.usedBy.get(change.path) : undefined;
      if (users) lines.push(`      used by ${users.join(', ')}`);
    }
  }
  if (result.dangerous.length > 0) {
    lines.push(`! ${plural(result.dangerous.length, 'dangerous change')} (clients may need to handle these):`);
    lines.push(...result.dangerous.map((change) => item('!', change)));
  }
  if (result.safe.length > 0) {
    lines.push(`✓ ${plural(result.safe.length, 'safe change')}:`);
    lines.push(...result.safe.map((change) => item('+', change)));
  }
  if (result.breaking.length + result.dangerous.length + result.safe.length === 0) lines.push('✓ the public API is unchanged');
  if (result.operationProblems.length > 0) {
    lines.push(`✗ saved operations that no longer validate:`);
    lines.push(...result.operationProblems.map((problem) => `  ✗ ${problem.file}: ${problem.message}`));
  } else {
    lines.push(
      `✓ ${plural(result.operations.length, 'saved operation')} still validate${result.operations.length === 1 ? 's' : ''} (${result.operations.join(', ') || 'none in operations/'})`,
    );
  }
  lines.push('');
  if (schemaCheckPassed(result)) {
    lines.push(
      `schema check passed${result.dangerous.length > 0 ? ` (${plural(result.dangerous.length, 'dangerous change')} to review)` : ''}`,
    );
  } else {
    const reasons = [
      result.breaking.length > 0 ? plural(result.breaking.length, 'breaking change') : '',
      result.operationProblems.length > 0
        ? `${plural(new Set(result.operationProblems.map((problem) => problem.file)).size, 'saved operation')} broken`
        : '',
    ].filter(Boolean);
    lines.push(`schema check failed: ${reasons.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
