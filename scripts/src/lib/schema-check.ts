import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
// The package and version (@apollo/composition and @apollo/gateway pin it exactly) that derives the API
// schema the gateway serves: checking against anything else could miss what clients see.
import { Supergraph } from '@apollo/federation-internals';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  parse,
  print,
  type SelectionSetNode,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { CompositionError, composeSupergraph, manifestProblemOf, PERSISTED_QUERY_MANIFEST } from './compose';

export interface SchemaCheckOptions {
  /** The repository root: its schema/supergraph.yaml, subgraphs and operations/. */
  root: string;
  /** A composed supergraph to check as it is, instead of composing the subgraphs. */
  supergraphFile?: string;
  /** Proposed SDL files by subgraph name: each replaces that subgraph's SDL, or joins as a new subgraph. */
  subgraphFiles?: Record<string, string>;
  /**
   * What to compare with: a file, or a git revision whose schema/supergraph.graphql counts. Default: the
   * published supergraph recorded in schema/published/supergraph.graphql (`PUBLISHED_SUPERGRAPH`), so that
   * a breaking change is reported whether or not it is committed; HEAD in a repository without a record.
   */
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
      /** Entities a saved operation returns without their key fields: a client cache cannot normalise them. */
      keyProblems: OperationProblem[];
      /** Why schema/persisted-query-manifest.json is not what `npm run compose` writes from operations/; absent when it is. */
      manifestProblem?: string;
      /** Changes to types another subgraph defines (see `ownershipProblemsOf`). */
      ownershipProblems: string[];
      /** The supergraph checked: what `--publish` records. */
      supergraphSdl: string;
    };

/**
 * The record of what is published: the supergraph clients were last promised, written deliberately by
 * `npm run schema:check -- --publish`. The check's default base, so that CI on a clean checkout of main
 * refuses a breaking change that was committed since.
 */
export const PUBLISHED_SUPERGRAPH = 'schema/published/supergraph.graphql';

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
  if (base === undefined && existsSync(join(root, PUBLISHED_SUPERGRAPH))) {
    return { sdl: readFileSync(join(root, PUBLISHED_SUPERGRAPH), 'utf8'), label: `the published supergraph (${PUBLISHED_SUPERGRAPH})` };
  }
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

/**
 * The key field sets of every entity of a supergraph (its `@join__type(key: …)`), by type name: what a
 * client cache such as Apollo Client's `InMemoryCache` identifies an object by.
 */
export function entityKeysOf(supergraphSdl: string): Map<string, SelectionSetNode[]> {
  const keys = new Map<string, Map<string, SelectionSetNode>>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const key = directive.arguments?.find((argument) => argument.name.value === 'key')?.value;
      if (key?.kind !== Kind.STRING) continue;
      const operation = parse(`{ ${key.value} }`).definitions[0];
      if (operation?.kind !== Kind.OPERATION_DEFINITION) continue;
      const byText = keys.get(definition.name.value) ?? new Map<string, SelectionSetNode>();
      byText.set(key.value.trim().replace(/\s+/g, ' '), operation.selectionSet);
      keys.set(definition.name.value, byText);
    }
  }
  return new Map([...keys].map(([type, byText]) => [type, [...byText.values()]]));
}

/**
 * What a client cache identifies the objects of each type by: an entity's keys (`entityKeysOf`), and for
 * any other object type with an `id` field, `id` — Apollo Client's `InMemoryCache` identifies every
 * object that comes with `__typename` and `id`, so two operations that reach the same intake must agree
 * on whether it is identified (one that does not select `id` overwrites the other's list with copies).
 */
export function cacheKeysOf(supergraphSdl: string, schema: GraphQLSchema): Map<string, SelectionSetNode[]> {
  const keys = entityKeysOf(supergraphSdl);
  const id = (parse('{ id }').definitions[0] as { selectionSet: SelectionSetNode }).selectionSet;
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && !type.name.startsWith('__') && !keys.has(type.name) && type.getFields().id) keys.set(type.name, [id]);
  }
  return keys;
}

/** A field of the selection and whether it is only sometimes selected (`@skip`/`@include` on it or on a fragment around it). */
interface Selected {
  node: FieldNode;
  conditional: boolean;
}

const isConditional = (node: { directives?: readonly { name: { value: string } }[] }) =>
  (node.directives ?? []).some((directive) => directive.name.value === 'skip' || directive.name.value === 'include');

/** The fields a selection set selects on objects of `type`, by response name, through fragments that apply to it. */
function collectFields(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  type: GraphQLObjectType,
  fragments: Map<string, FragmentDefinitionNode>,
  conditional = false,
  into = new Map<string, Selected[]>(),
): Map<string, Selected[]> {
  const applies = (condition: string | undefined) => {
    if (condition === undefined || condition === type.name) return true;
    const named = schema.getType(condition);
    return named !== undefined && named !== null && isAbstractType(named) && schema.isSubType(named, type);
  };
  for (const selection of selectionSet.selections) {
    const sometimes = conditional || isConditional(selection);
    if (selection.kind === Kind.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      into.set(name, [...(into.get(name) ?? []), { node: selection, conditional: sometimes }]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(selection.typeCondition?.name.value)) collectFields(schema, selection.selectionSet, type, fragments, sometimes, into);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && applies(fragment.typeCondition.name.value))
        collectFields(schema, fragment.selectionSet, type, fragments, sometimes, into);
    }
  }
  return into;
}

/** The fields of `key` that `fields` does not select always and under their own name (a cache reads `id`, not an alias). */
function missingKeyFields(
  key: SelectionSetNode,
  fields: Map<string, Selected[]>,
  fragments: Map<string, FragmentDefinitionNode>,
): string[] {
  const missing: string[] = [];
  for (const selection of key.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    const always = (fields.get(name) ?? []).filter((entry) => !entry.conditional && entry.node.name.value === name);
    if (always.length === 0) {
      missing.push(selection.selectionSet ? `${name} { … }` : name);
      continue;
    }
    if (selection.selectionSet) {
      // A nested key (`location { id }`): its fields must be selected inside, whatever fragments hold them.
      const inner = new Map<string, Selected[]>();
      const gather = (set: SelectionSetNode) => {
        for (const child of set.selections) {
          if (child.kind === Kind.FIELD) {
            const response = child.alias?.value ?? child.name.value;
            inner.set(response, [...(inner.get(response) ?? []), { node: child, conditional: isConditional(child) }]);
          } else if (child.kind === Kind.INLINE_FRAGMENT) gather(child.selectionSet);
          else {
            const fragment = fragments.get(child.name.value);
            if (fragment) gather(fragment.selectionSet);
          }
        }
      };
      for (const entry of always) if (entry.node.selectionSet) gather(entry.node.selectionSet);
      missing.push(...missingKeyFields(selection.selectionSet, inner, fragments).map((field) => `${name}.${field}`));
    }
  }
  return missing;
}

/**
 * Every entity an operation returns, wherever in the answer, must come with one of its keys (and every
 * other object with an `id` field, its `id`; see `cacheKeysOf`): a client
 * cache (Apollo Client's `InMemoryCache`, urql's Graphcache, Relay) identifies and merges objects by it.
 * Without it the cache stores the object inside its parent, and two operations that reach the same
 * object overwrite each other's fields ("Cache data may be lost …"), so cache-first queries go back to
 * the network. Returns one problem per path, naming the operation, the path, the type and the key.
 */
export function checkEntityKeys(schema: GraphQLSchema, keys: Map<string, SelectionSetNode[]>, document: DocumentNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const problems: string[] = [];
  const walk = (operation: string, type: GraphQLCompositeType, selectionSets: SelectionSetNode[], path: string, root: boolean) => {
    const concrete = isObjectType(type) ? [type] : schema.getPossibleTypes(type);
    for (const object of concrete) {
      const fields = new Map<string, Selected[]>();
      for (const selectionSet of selectionSets) collectFields(schema, selectionSet, object, fragments, false, fields);
      const entityKeys = root ? undefined : keys.get(object.name);
      if (entityKeys && entityKeys.length > 0) {
        const candidates = entityKeys.map((key) => missingKeyFields(key, fields, fragments));
        if (candidates.every((missing) => missing.length > 0)) {
          const fewest = candidates.reduce((best, missing) => (missing.length < best.length ? missing : best));
          const where = concrete.length > 1 ? `${path} (as ${object.name})` : `${path} (${object.name})`;
          problems.push(`${operation}: ${where} does not select its key: add ${fewest.join(', ')}`);
        }
      }
      for (const [response, selected] of fields) {
        const field = object.getFields()[selected[0]!.node.name.value];
        if (!field) continue; // validation reports it
        const named = getNamedType(field.type);
        const inner = selected.flatMap((entry) => (entry.node.selectionSet ? [entry.node.selectionSet] : []));
        if (isCompositeType(named) && inner.length > 0) walk(operation, named, inner, path ? `${path}.${response}` : response, false);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const rootType = schema.getRootType(definition.operation);
    if (rootType) walk(definition.name?.value ?? '(anonymous)', rootType, [definition.selectionSet], '', true);
  }
  return [...new Set(problems)];
}

/** What a supergraph records about who defines what: its `@join__type`, `@join__field` and `@join__enumValue`. */
interface TypeOwnership {
  kind: 'object' | 'enum';
  /** The subgraphs that define the type. */
  graphs: string[];
  /** Whether some subgraph gives it a `@key`. */
  entity: boolean;
  /** Per field (or enum value): the subgraphs that resolve it (all of `graphs` when the supergraph names none), and its type. */
  members: Map<string, { graphs: string[]; type?: string }>;
}

function ownershipOf(supergraphSdl: string): Map<string, TypeOwnership> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const argument = (directive: DirectiveNode, name: string) => directive.arguments?.find((entry) => entry.name.value === name)?.value;
  const graphOf = (directive: DirectiveNode) => {
    const value = argument(directive, 'graph');
    return value?.kind === Kind.ENUM ? (graphNames.get(value.value) ?? value.value) : undefined;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.flatMap((directive) =>
        directive.name.value === 'join__graph' ? [argument(directive, 'name')] : [],
      )[0];
      if (name?.kind === Kind.STRING) graphNames.set(value.name.value, name.value);
    }
  }
  // The root types are everyone's: each subgraph adds its own fields to Query and Mutation.
  const roots = new Set(['Query', 'Mutation', 'Subscription']);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION) for (const root of definition.operationTypes) roots.add(root.type.name.value);
  }
  const types = new Map<string, TypeOwnership>();
  for (const definition of document.definitions) {
    const object = definition.kind === Kind.OBJECT_TYPE_DEFINITION;
    if (!object && definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    if (roots.has(definition.name.value) || definition.name.value.startsWith('join__') || definition.name.value.startsWith('link__'))
      continue;
    const joins = (definition.directives ?? []).filter((directive) => directive.name.value === 'join__type');
    const graphs = [...new Set(joins.flatMap((directive) => graphOf(directive) ?? []))];
    if (graphs.length === 0) continue; // the root types of the supergraph itself
    const entity = joins.some((directive) => argument(directive, 'key') !== undefined);
    const members = new Map<string, { graphs: string[]; type?: string }>();
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) {
        const fieldJoins = (field.directives ?? []).filter((directive) => directive.name.value === 'join__field');
        const resolving = fieldJoins.filter((directive) => {
          const external = argument(directive, 'external');
          return !(external?.kind === Kind.BOOLEAN && external.value);
        });
        const fieldGraphs = fieldJoins.length === 0 ? graphs : [...new Set(resolving.flatMap((directive) => graphOf(directive) ?? []))];
        members.set(field.name.value, { graphs: fieldGraphs, type: print(field.type) });
      }
    } else {
      for (const value of definition.values ?? []) {
        const valueJoins = (value.directives ?? []).filter((directive) => directive.name.value === 'join__enumValue');
        members.set(value.name.value, {
          graphs: valueJoins.length === 0 ? graphs : [...new Set(valueJoins.flatMap((directive) => graphOf(directive) ?? []))],
        });
      }
    }
    types.set(definition.name.value, { kind: object ? 'object' : 'enum', graphs, entity, members });
  }
  return types;
}

/** The subgraph that owns an entity: the one that resolves most of its fields (ties: the first in the supergraph). */
function ownerOf(type: TypeOwnership): string {
  const count = (graph: string) => [...type.members.values()].filter((member) => member.graphs.includes(graph)).length;
  return type.graphs.reduce((best, graph) => (count(graph) > count(best) ? graph : best));
}

/**
 * Changes to types another subgraph defines, which composition lets through by merging:
 * * an enum defined by several subgraphs must have the same values in each (a subgraph that declares
 *   an enum of the same name, say `ResponsibilityMatch`, would otherwise add its values to the other's);
 * * an object type without a key (a value type) defined by several subgraphs must have the same fields in
 *   each: a subgraph does not add fields to a value type it shares;
 * * a field a subgraph adds to another subgraph's entity must be nullable: while that subgraph is down,
 *   the gateway answers `null` there and keeps the entity (a non-null field would take the whole
 *   entity, and the other subgraphs' data in it, down with it). The owner is the subgraph that resolves
 *   most of the entity's fields in the base (in the candidate for a new entity).
 * Returns one problem per type or field, naming the type, the subgraphs and the members.
 */
export function ownershipProblemsOf(candidateSdl: string, baseSdl?: string): string[] {
  const candidate = ownershipOf(candidateSdl);
  const base = baseSdl === undefined ? new Map<string, TypeOwnership>() : ownershipOf(baseSdl);
  const problems: string[] = [];
  for (const [name, type] of candidate) {
    if (type.entity) {
      const previous = base.get(name);
      const owner = ownerOf(previous && previous.entity ? previous : type);
      for (const [field, member] of type.members) {
        if (member.graphs.length === 0 || member.graphs.includes(owner) || !member.type?.endsWith('!')) continue;
        problems.push(
          `${name}.${field}: ${member.graphs.join(', ')} adds a non-null field (${member.type}) to ${name}, which ${owner} owns: ` +
            `make it nullable (${member.type.slice(0, -1)}), so that ${name} keeps the other subgraphs' data while ${member.graphs.join(', ')} is down`,
        );
      }
      continue;
    }
    if (type.graphs.length < 2) continue;
    const what = type.kind === 'enum' ? 'values' : 'fields';
    const partial = [...type.members].filter(([, member]) => type.graphs.some((graph) => !member.graphs.includes(graph)));
    if (partial.length === 0) continue;
    const previous = base.get(name);
    const owners = previous ? previous.graphs.filter((graph) => type.graphs.includes(graph)) : [];
    const details = type.graphs
      .map((graph) => {
        const own = partial.filter(([, member]) => member.graphs.includes(graph)).map(([member]) => member);
        return own.length > 0 ? `${graph} adds ${own.join(', ')}` : `${graph} has none of them`;
      })
      .join('; ');
    problems.push(
      `${name}: ${type.kind === 'enum' ? 'an enum' : 'a value type'} defined by ${type.graphs.join(', ')}` +
        `${owners.length > 0 && owners.length < type.graphs.length ? ` (published by ${owners.join(', ')})` : ''} with different ${what} (${details}): ` +
        `a subgraph does not change a type another subgraph defines; give yours another name, or define it identically`,
    );
  }
  return problems;
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
  const keyProblems: OperationProblem[] = [];
  const keys = cacheKeysOf(candidateSdl, after);
  const usedBy = new Map<string, string[]>();
  const breaking = level(CriticalityLevel.Breaking);
  for (const file of operations) {
    const source = readFileSync(join(root, file), 'utf8');
    let document: DocumentNode;
    try {
      document = parse(source);
    } catch (error) {
      operationProblems.push({ file, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const invalid = validate(after, document);
    for (const error of invalid) {
      const where = error.locations?.[0] ? ` (line ${error.locations[0].line})` : '';
      operationProblems.push({ file, message: `${error.message}${where}` });
    }
    if (invalid.length === 0) keyProblems.push(...checkEntityKeys(after, keys, document).map((message) => ({ file, message })));
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
    keyProblems,
    manifestProblem: manifestProblemOf(root),
    ownershipProblems: ownershipProblemsOf(candidateSdl, base.sdl),
    supergraphSdl: candidateSdl,
  };
}

export const schemaCheckPassed = (result: SchemaCheckResult) =>
  result.kind === 'checked' &&
  result.breaking.length === 0 &&
  result.operationProblems.length === 0 &&
  result.keyProblems.length === 0 &&
  result.manifestProblem === undefined &&
  result.ownershipProblems.length === 0;

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
  if (result.keyProblems.length > 0) {
    lines.push(`✗ saved operations that return objects without their keys (client caches cannot normalise them):`);
    lines.push(...result.keyProblems.map((problem) => `  ✗ ${problem.file}: ${problem.message}`));
  }
  if (result.ownershipProblems.length > 0) {
    lines.push(`✗ changes to types another subgraph defines:`);
    lines.push(...result.ownershipProblems.map((problem) => `  ✗ ${problem}`));
  } else lines.push('✓ no subgraph changes a type another subgraph defines');
  if (result.manifestProblem !== undefined) lines.push(`✗ ${result.manifestProblem}`);
  else lines.push(`✓ ${PERSISTED_QUERY_MANIFEST} lists the saved operations as they are`);
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
      result.keyProblems.length > 0
        ? `${plural(new Set(result.keyProblems.map((problem) => problem.file)).size, 'saved operation')} without entity keys`
        : '',
      result.manifestProblem !== undefined ? 'stale persisted-query manifest' : '',
      result.ownershipProblems.length > 0
        ? plural(result.ownershipProblems.length, "change to another subgraph's type", "changes to other subgraphs' types")
        : '',
    ].filter(Boolean);
    lines.push(`schema check failed: ${reasons.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
