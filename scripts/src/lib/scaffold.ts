import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isObjectType } from 'graphql';
import { parse as parseYaml, parseDocument } from 'yaml';
import { databaseName, databaseVariable } from './env';
import { apiSchemaOf } from './schema-check';
import { subgraphUrlVariable } from './stack';
import { readSupergraphConfig } from './supergraph-config';

/** The first port a new subgraph may take: 4000 is the gateway, 4001–4004 the first four subgraphs. */
export const FIRST_PORT = 4005;
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ENTITY = /^[A-Z][a-z0-9]*([A-Z][a-z0-9]*)*$/;
const RESERVED = new Set(['gateway', 'scripts']);

export interface SubgraphNames {
  /** `youth-office`: the folder, package and subgraph name. */
  name: string;
  /** `KitaPlace`: the entity type the template starts with. */
  entity: string;
  port: number;
}

const words = (pascal: string) => pascal.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
const pascal = (parts: string[]) => parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

/** English plural of the last word, for field names: place → places, city → cities, address → addresses. */
export function pluralise(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** The default entity of subgraph `name`: its words in PascalCase, the last one singular (kita-places → KitaPlace). */
export function defaultEntity(name: string): string {
  const parts = name.split('-');
  const last = parts[parts.length - 1]!;
  parts[parts.length - 1] = last.endsWith('ies')
    ? `${last.slice(0, -3)}y`
    : last.endsWith('s') && !last.endsWith('ss')
      ? last.slice(0, -1)
      : last;
  return pascal(parts);
}

/** Every spelling the template uses, by its placeholder (`__entities__` → `kitaPlaces`). */
export function templateValues(names: SubgraphNames, migration: string): Record<string, string> {
  const entityWords = words(names.entity);
  const plural = [...entityWords.slice(0, -1), pluralise(entityWords[entityWords.length - 1]!)];
  const camel = (parts: string[]) => parts[0] + pascal(parts.slice(1));
  const title = entityWords.join(' ');
  const nameWords = names.name.split('-');
  return {
    name: names.name,
    Name: pascal(nameWords),
    nameCamel: camel(nameWords),
    database: databaseName(names.name),
    port: String(names.port),
    Entity: names.entity,
    Entities: pascal(plural),
    entity: camel(entityWords),
    entities: camel(plural),
    entityFile: entityWords.join('-'),
    entityTable: entityWords.join('_'),
    ENTITY: entityWords.join('_').toUpperCase(),
    entityWords: title,
    entitiesWords: plural.join(' '),
    EntityTitle: title.charAt(0).toUpperCase() + title.slice(1),
    migration,
  };
}

/** Replaces every `__placeholder__`; a placeholder the template uses but `values` lacks is a bug in either. */
export function fillTemplate(text: string, values: Record<string, string>, where: string): string {
  return text.replace(/__([A-Za-z]+)__/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${where}: unknown template placeholder ${match}`);
    return value;
  });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path).map((file) => join(entry, file)) : [entry];
  });
}

/** Inserts `line` after the last line matching `after` (and before `before`, when given); throws if none does. */
function insertAfterLast(text: string, after: RegExp, line: string, file: string, before?: RegExp): string {
  const lines = text.split('\n');
  const stop = before ? lines.findIndex((candidate) => before.test(candidate)) : -1;
  const limit = stop >= 0 ? stop : lines.length;
  let index = -1;
  for (let i = 0; i < limit; i += 1) if (after.test(lines[i]!)) index = i;
  if (index < 0) throw new Error(`${file}: found no line like ${after} to add "${line.trim()}" after; add it by hand`);
  lines.splice(index + 1, 0, line);
  return lines.join('\n');
}

/** The next port from 4005 that no subgraph in schema/supergraph.yaml routes to. */
export function nextFreePort(routingUrls: string[]): number {
  const taken = new Set(routingUrls.map((url) => Number(new URL(url).port)));
  let port = FIRST_PORT;
  while (taken.has(port)) port += 1;
  return port;
}

export interface ScaffoldResult {
  names: SubgraphNames;
  created: string[];
  edited: string[];
}

/**
 * Creates `subgraphs/<name>` from `templates/subgraph` and wires it in everywhere a subgraph is listed:
 * root workspaces and project references, schema/supergraph.yaml, docker-compose.yml with its database
 * and Dockerfile line, the example environments. Every edit is prepared and checked before anything
 * is written, so a refusal leaves the repository as it was.
 */
export async function scaffoldSubgraph(
  root: string,
  options: { name: string; entity?: string; port?: number; now?: Date },
): Promise<ScaffoldResult> {
  const { name } = options;
  const problems: string[] = [];
  if (!NAME.test(name)) problems.push(`"${name}": a subgraph name is lower-case words joined by "-", e.g. youth-office`);
  if (RESERVED.has(name)) problems.push(`"${name}" is taken by the repository itself`);
  const entity = options.entity ?? defaultEntity(name);
  if (!ENTITY.test(entity)) problems.push(`--entity ${entity}: an entity name is PascalCase, e.g. KitaPlace`);
  if (existsSync(join(root, 'subgraphs', name))) problems.push(`subgraphs/${name} exists already`);
  const configPath = join(root, 'schema', 'supergraph.yaml');
  const config = readSupergraphConfig(configPath);
  if (config.subgraphs.some((entry) => entry.name === name)) problems.push(`schema/supergraph.yaml lists ${name} already`);
  if (problems.length > 0) throw new Error(problems.join('\n'));

  const port = options.port ?? nextFreePort(config.subgraphs.map((entry) => entry.routingUrl));
  const sharing = config.subgraphs.find((entry) => Number(new URL(entry.routingUrl).port) === port);
  if (sharing) throw new Error(`--port ${port}: subgraph ${sharing.name} routes there already`);
  const names: SubgraphNames = { name, entity, port };
  const stamp = (options.now ?? new Date()).toISOString().replace(/\D/g, '').slice(0, 14);
  const values = templateValues(names, `Migration${stamp}`);

  // What the template adds must not clash with the graph as it is: composition would refuse it later.
  const api = apiSchemaOf(readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8'));
  const query = api.getQueryType()!.getFields();
  const mutation = api.getMutationType()?.getFields() ?? {};
  for (const type of [values.Entity!, `${values.Entity}Connection`, `Create${values.Entity}Input`, `Update${values.Entity}Input`])
    if (api.getType(type)) problems.push(`the graph has a type ${type} already: choose another --entity`);
  for (const field of [values.entity!, values.entities!])
    if (query[field]) problems.push(`the graph has a query ${field} already: choose another --entity`);
  for (const field of ['create', 'update', 'archive'].map((verb) => `${verb}${values.Entity}`))
    if (mutation[field]) problems.push(`the graph has a mutation ${field} already: choose another --entity`);
  // The audit trail is named after the subgraph (createAuditTrailResolver).
  if (query[`${values.nameCamel}AuditTrail`] || api.getType(`${values.Name}AuditEventConnection`))
    problems.push(`the graph has the audit trail ${values.nameCamel}AuditTrail already: choose another name`);
  for (const extended of ['District', 'Partner']) {
    const type = api.getType(extended);
    if (!isObjectType(type)) problems.push(`the template extends ${extended}, which the graph does not have`);
    else if (type.getFields()[values.entities!]) problems.push(`${extended}.${values.entities} exists already: choose another --entity`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));

  // Files of the new package.
  const templateDir = join(root, 'templates', 'subgraph');
  const files = new Map<string, string>();
  for (const file of listFiles(templateDir)) {
    const target = join('subgraphs', name, fillTemplate(file, values, file));
    files.set(target, fillTemplate(readFileSync(join(templateDir, file), 'utf8'), values, file));
  }
  const created = [...files.keys()];

  // Edits of the files that list every subgraph.
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  const edits = new Map<string, string>();
  const variable = subgraphUrlVariable(name);
  const routingUrl = `http://localhost:${port}/graphql`;
  edits.set('package.json', insertAfterLast(read('package.json'), /^\s*"subgraphs\/[^"]+",?$/, `    "subgraphs/${name}",`, 'package.json'));
  edits.set(
    'tsconfig.json',
    insertAfterLast(
      read('tsconfig.json'),
      /^\s*\{ "path": "subgraphs\/[^"]+" \},?$/,
      `    { "path": "subgraphs/${name}" },`,
      'tsconfig.json',
    ),
  );
  const yaml = parseDocument(read('schema/supergraph.yaml'));
  yaml.setIn(['subgraphs', name], yaml.createNode({ routing_url: routingUrl, schema: { file: `./${name}.graphql` } }));
  edits.set('schema/supergraph.yaml', yaml.toString());
  // Its own database role (docker/postgres-init.sql), with a password from `.env` (docker/.env.example).
  const database = values.database!;
  const password = `${database.toUpperCase()}_DB_PASSWORD`;
  const passwordValue = `\${${password}:?is not set, run sh docker/create-env.sh}`;
  const service = [
    `  ${name}:`,
    '    <<: *subgraph',
    `    command: ["node", "subgraphs/${name}/dist/main.js"]`,
    '    environment:',
    '      <<: *subgraph-env',
    `      PORT: '${port}'`,
    `      DATABASE_URL: postgres://${database}:${passwordValue}@postgres:5432/${database}`,
    '    healthcheck:',
    `      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${port}/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
    '      <<: *ready',
    '',
  ].join('\n');
  let compose = read('docker-compose.yml');
  compose = insertAfterLast(compose, /^ {6}<<: \*ready$/, `\n${service}`.replace(/\n$/, ''), 'docker-compose.yml', /^ {2}gateway:$/);
  compose = insertAfterLast(
    compose,
    /^ {6}SUBGRAPH_[A-Z0-9_]+_URL: /,
    `      ${variable}: http://${name}:${port}/graphql`,
    'docker-compose.yml',
  );
  compose = insertAfterLast(
    compose,
    /^ {6}[a-z0-9-]+: \{ condition: service_healthy \}$/,
    `      ${name}: { condition: service_healthy }`,
    'docker-compose.yml',
  );
  compose = insertAfterLast(compose, /^ {6}[A-Z0-9_]+_DB_PASSWORD: /, `      ${password}: ${passwordValue}`, 'docker-compose.yml');
  edits.set('docker-compose.yml', compose);
  const role = [
    `\\getenv ${database}_password ${password}`,
    `CREATE ROLE ${database} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'${database}_password';`,
    `CREATE DATABASE ${database} OWNER ${database};`,
    `REVOKE ALL ON DATABASE ${database} FROM PUBLIC;`,
  ];
  edits.set('docker/postgres-init.sql', `${read('docker/postgres-init.sql').replace(/\n*$/, '\n')}\n${role.join('\n')}\n`);
  edits.set(
    'docker/.env.example',
    insertAfterLast(read('docker/.env.example'), /^[A-Z0-9_]+_DB_PASSWORD=/, `${password}=`, 'docker/.env.example'),
  );
  edits.set(
    'docker/Dockerfile',
    insertAfterLast(
      read('docker/Dockerfile'),
      /^COPY subgraphs\/[^/]+\/package\.json /,
      `COPY subgraphs/${name}/package.json subgraphs/${name}/`,
      'docker/Dockerfile',
    ),
  );
  edits.set(
    'scripts/.env.example',
    insertAfterLast(
      read('scripts/.env.example'),
      /^# [A-Z0-9_]+_DATABASE_URL=/,
      `# ${databaseVariable(name)}=postgres://user:password@127.0.0.1:5432/${values.database}`,
      'scripts/.env.example',
    ),
  );
  edits.set(
    'gateway/.env.example',
    insertAfterLast(
      read('gateway/.env.example'),
      /^SUBGRAPH_[A-Z0-9_]+_URL=/,
      `${variable}=http://127.0.0.1:${port}/graphql`,
      'gateway/.env.example',
    ),
  );

  // The edited files must still say what they should, before any is written.
  const workspaces = (JSON.parse(edits.get('package.json')!) as { workspaces: string[] }).workspaces;
  const references = (JSON.parse(edits.get('tsconfig.json')!) as { references: { path: string }[] }).references;
  const services = (
    parseYaml(compose) as {
      services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown> }>;
    }
  ).services;
  if (!workspaces.includes(`subgraphs/${name}`)) problems.push('package.json: the workspace was not added');
  if (!references.some((reference) => reference.path === `subgraphs/${name}`)) problems.push('tsconfig.json: the reference was not added');
  if (services[name]?.command?.[1] !== `subgraphs/${name}/dist/main.js`)
    problems.push(`docker-compose.yml: the ${name} service was not added`);
  if (services.gateway?.environment?.[variable] === undefined || !services.gateway?.depends_on?.[name])
    problems.push('docker-compose.yml: the gateway was not pointed at the new subgraph');
  if (problems.length > 0) throw new Error(problems.join('\n'));

  // Names of different lengths wrap differently: the new files are formatted as `npm run lint` expects.
  for (const [file, content] of files) if (file.endsWith('.ts')) files.set(file, await formatLikeTheRepository(root, file, content));
  for (const [file, content] of [...files, ...edits]) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return { names, created, edited: [...edits.keys()] };
}

/** `content` formatted by Prettier with the repository's configuration (`.prettierrc.json`). */
async function formatLikeTheRepository(root: string, file: string, content: string): Promise<string> {
  const prettier = await import('prettier');
  const config = await prettier.resolveConfig(join(root, file));
  return prettier.format(content, { ...config, filepath: join(root, file) });
}
