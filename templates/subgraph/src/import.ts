import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run import -w subgraphs/__name__ -- <file.csv|file.json> [--dry-run] [--url …] [--token …]`:
 * loads the department's __entitiesWords__ through the hub's write API (`create__Entity__`,
 * `update__Entity__`), one row at a time, as an editor (or admin) whose token it sends.
 *
 * Each row is one record; its `id` is the department's own id for it (a lower-case slug: a–z, 0–9, -),
 * so a second run of the same file changes nothing: a row whose record exists is compared field by
 * field and updated only when it differs. A row that fails is reported with its row number (a CSV's
 * header is row 1, its first record row 2; in a JSON array the first element is row 1) and the others
 * go on. `--dry-run` checks the file and says what would be created, updated or left, writing nothing.
 */

/**
 * The columns a row may have besides `id` and `ownerId`, each as the write API's input field and how
 * it reads back from `__entity__(id:)`. A field added to the entity and its inputs gets a line here.
 */
export const __ENTITY___COLUMNS = {
  name: { required: true, select: 'name', read: (record: Record<string, unknown>) => record.name },
  districtId: {
    required: true,
    select: 'district { id }',
    read: (record: Record<string, unknown>) => (record.district as { id: string } | null)?.id ?? null,
  },
  partnerId: {
    required: false,
    select: 'partner { id }',
    read: (record: Record<string, unknown>) => (record.partner as { id: string } | null)?.id ?? null,
  },
} as const;

type Column = keyof typeof __ENTITY___COLUMNS;
const COLUMNS = Object.keys(__ENTITY___COLUMNS) as Column[];
const KNOWN = new Set<string>(['id', 'ownerId', ...COLUMNS]);
const ID = /^[a-z0-9][a-z0-9-]{1,99}$/;

/** One record of the file: its row number (for messages) and its values by column (empty cells left out). */
export interface ImportRow {
  row: number;
  values: Record<string, string>;
}

/** What happened to one row. */
export interface RowOutcome {
  row: number;
  id?: string;
  result: 'created' | 'updated' | 'unchanged' | 'failed';
  /** Why it failed (result `failed`). */
  error?: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: RowOutcome[];
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** A GraphQL operation against the hub (the gateway, or in tests the subgraph itself): its data and errors. */
export type Send = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;

/** The cells of a CSV text (RFC 4180: quoted cells may hold commas, quotes as "", and line breaks), with the line each record starts on. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const source = text.replace(/^\uFEFF/, '');
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',' || char === ';') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      start = line;
    } else cell += char;
  }
  if (quoted) throw new Error(`line ${start}: a quoted cell is not closed`);
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** The rows of a CSV (a header row naming the columns) or JSON (an array of objects) file's text. */
export function readRows(text: string, format: 'csv' | 'json'): ImportRow[] {
  const clean = (entries: [string, unknown][]) =>
    Object.fromEntries(
      entries
        .map(([key, value]) => [key.trim(), value === null || value === undefined ? '' : String(value).trim()] as const)
        .filter(([, value]) => value !== ''),
    );
  if (format === 'json') {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) throw new Error('a JSON file holds an array of records');
    return parsed.map((item, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return { row: index + 1, values: { '': 'not an object' } };
      return { row: index + 1, values: clean(Object.entries(item)) };
    });
  }
  const [header, ...records] = parseCsv(text);
  if (!header) return [];
  const names = header.cells.map((name) => name.trim());
  return records.map((record) => ({ row: record.line, values: clean(names.map((name, i) => [name, record.cells[i]])) }));
}

/** The columns of the file that the import does not know: a typo would otherwise be dropped silently. */
export function unknownColumns(rows: ImportRow[]): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(row.values)))].filter((column) => !KNOWN.has(column));
}

/** What is wrong with a row before anything is asked (missing values, an id that is no slug, an id seen before). */
function rowProblem(row: ImportRow, seen: Map<string, number>): string | undefined {
  const id = row.values.id;
  if (row.values[''] === 'not an object') return 'not an object';
  if (!id) return 'id: missing (your own id for the record)';
  if (!ID.test(id)) return `id: ${JSON.stringify(id)} is not a lower-case slug of 2 to 100 characters (a-z, 0-9, -)`;
  const earlier = seen.get(id);
  if (earlier !== undefined) return `id: ${JSON.stringify(id)} is also in row ${earlier}`;
  for (const column of COLUMNS) {
    if (__ENTITY___COLUMNS[column].required && !row.values[column]) return `${column}: missing`;
  }
  return undefined;
}

const errorText = (errors: readonly { message: string; extensions?: Record<string, unknown> }[]) =>
  errors.map((error) => (error.extensions?.code ? `${String(error.extensions.code)}: ${error.message}` : error.message)).join('; ');

/**
 * Imports `rows` through the write API that `send` reaches: creates the records whose id is new,
 * updates those that differ, leaves the others; with `dryRun` only looks. Rows are independent: one
 * that fails is reported and the rest go on.
 */
export async function import__Entities__(rows: ImportRow[], send: Send, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const outcomes: RowOutcome[] = [];
  const seen = new Map<string, number>();
  const READ = `query ($id: ID!) { __entity__(id: $id) { id version ${COLUMNS.map((column) => __ENTITY___COLUMNS[column].select).join(' ')} } }`;
  const CREATE = `mutation ($input: Create__Entity__Input!) { create__Entity__(input: $input) { id version } }`;
  const UPDATE = `mutation ($input: Update__Entity__Input!) { update__Entity__(input: $input) { id version } }`;
  for (const row of rows) {
    const id = row.values.id;
    const problem = rowProblem(row, seen);
    if (id && !seen.has(id)) seen.set(id, row.row);
    if (problem) {
      outcomes.push({ row: row.row, id, result: 'failed', error: problem });
      continue;
    }
    try {
      const read = await send(READ, { id });
      if (read.errors?.length) throw new Error(errorText(read.errors));
      const existing = read.data?.__entity__ as (Record<string, unknown> & { version: number }) | null | undefined;
      if (!existing) {
        const input: Record<string, unknown> = { id };
        if (row.values.ownerId) input.ownerId = row.values.ownerId;
        for (const column of COLUMNS) if (row.values[column] !== undefined) input[column] = row.values[column];
        if (!dryRun) {
          const created = await send(CREATE, { input });
          if (created.errors?.length) throw new Error(errorText(created.errors));
        }
        outcomes.push({ row: row.row, id, result: 'created' });
        continue;
      }
      const changes: Record<string, unknown> = {};
      for (const column of COLUMNS) {
        const wanted = row.values[column] ?? null;
        if ((__ENTITY___COLUMNS[column].read(existing) ?? null) !== wanted) changes[column] = wanted;
      }
      if (Object.keys(changes).length === 0) {
        outcomes.push({ row: row.row, id, result: 'unchanged' });
        continue;
      }
      if (!dryRun) {
        const updated = await send(UPDATE, { input: { id, version: existing.version, ...changes } });
        if (updated.errors?.length) throw new Error(errorText(updated.errors));
      }
      outcomes.push({ row: row.row, id, result: 'updated' });
    } catch (error) {
      outcomes.push({ row: row.row, id, result: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }
  const count = (result: RowOutcome['result']) => outcomes.filter((outcome) => outcome.result === result).length;
  return {
    dryRun,
    rows: outcomes,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    failed: count('failed'),
  };
}

/** The report as lines for a person: every failed row with its number, then the totals. */
export function describeReport(report: ImportReport): string[] {
  const verb = report.dryRun ? 'would be ' : '';
  return [
    ...report.rows.filter((row) => row.result === 'failed').map((row) => `row ${row.row}${row.id ? ` (${row.id})` : ''}: ${row.error}`),
    `${report.dryRun ? 'dry run, nothing written: ' : ''}${report.created} ${verb}created, ${report.updated} ${verb}updated, ${report.unchanged} unchanged, ${report.failed} failed`,
  ];
}

/** A `Send` over HTTP to a GraphQL endpoint (the gateway), with the token as a bearer credential. */
export function httpSend(url: string, token: string | undefined): Send {
  return async (query, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Awaited<ReturnType<Send>>;
    } catch {
      return { errors: [{ message: `HTTP ${response.status} from ${url}: ${text.slice(0, 200)}` }] };
    }
  };
}

const USAGE = `usage: npm run import -w subgraphs/__name__ -- <file.csv|file.json> [--dry-run] [--url <graphql url>] [--token <token>]

  Creates or updates the __entitiesWords__ of the file through the hub's write API, by your own ids
  (column id). Columns: id, ${COLUMNS.join(', ')}, and ownerId (admins only).
  --dry-run   checks the file and says what would be created or updated; writes nothing
  --url       the GraphQL endpoint (default: HUB_URL or http://localhost:4000/graphql, the gateway of npm start)
  --token     an editor's or admin's token (default: HUB_TOKEN; in development: npm run token)
`;

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'dry-run': { type: 'boolean' },
        url: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    process.stderr.write(`import: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    process.stderr.write(`import: name one file\n\n${USAGE}`);
    process.exit(2);
  }
  const format = extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
  let rows: ImportRow[];
  try {
    // `npm run -w` runs this in the package's folder: a relative path is meant from where npm was started.
    rows = readRows(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8'), format);
  } catch (error) {
    process.stderr.write(`import: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const unknown = unknownColumns(rows);
  if (unknown.length > 0) {
    process.stderr.write(
      `import: ${file}: unknown columns ${unknown.join(', ')} (known: id, ownerId, ${COLUMNS.join(', ')}); nothing written\n`,
    );
    process.exit(1);
  }
  const url = parsed.values.url ?? process.env.HUB_URL ?? 'http://localhost:4000/graphql';
  const report = await import__Entities__(rows, httpSend(url, parsed.values.token ?? process.env.HUB_TOKEN), {
    dryRun: parsed.values['dry-run'] ?? false,
  });
  for (const line of describeReport(report)) process.stdout.write(`${line}\n`);
  if (report.failed > 0) process.exitCode = 1;
}

if (require.main === module) void main();
