import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ApolloServer, BaseContext, HTTPGraphQLRequest, HTTPGraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Logger } from '@jobcenter-hub/service';
import { type DefinitionNode, type DocumentNode, Kind, parse, print, type SelectionSetNode, visit } from 'graphql';

/**
 * Trusted documents (safelisting): the gateway runs only the operations of a persisted-query manifest in
 * Apollo's format (`npm run compose` writes schema/persisted-query-manifest.json from operations/).
 *
 * - `manifest`: a request names a listed operation by its id (`extensions.persistedQuery.sha256Hash`
 *   without a `query`, as Apollo Client's `PersistedQueryLink` with `generatePersistedQueryIdsFromManifest`
 *   sends it), or sends a document that is one of them (the manifest's body, or the saved operation as
 *   written: compared after printing, so comments, spacing and the `__typename` Apollo Client adds do not
 *   matter). Anything else is refused with 400 before it is parsed for execution, validated or planned:
 *   `PERSISTED_QUERY_NOT_IN_LIST` for an unknown id, `QUERY_NOT_IN_SAFELIST` for any other document (the
 *   codes of Apollo Router's safelisting, so clients that know them need nothing new).
 * - `off`: any operation (automatic persisted queries as before). The manifest's ids are still answered
 *   without the registration round trip when the file is there.
 */
export type TrustedDocumentsMode = 'off' | 'manifest';

export const PERSISTED_QUERY_NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST';
export const QUERY_NOT_IN_SAFELIST = 'QUERY_NOT_IN_SAFELIST';

interface ManifestOperation {
  id: string;
  name: string;
  type: string;
  body: string;
}

export interface TrustedDocuments {
  mode: TrustedDocumentsMode;
  /** The manifest's file, for the log. */
  file: string;
  /** Body by id (the SHA-256 of the body). */
  byId: Map<string, string>;
  /** The printed form of every body (see `printedForm`): a document with the same form is the same operation. */
  forms: Set<string>;
  /** The longest body: a document far longer cannot be one of them and is not parsed to find out. */
  longest: number;
}

const typename = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } } as const;

/**
 * A document's printed form, for comparing documents that differ only in what the server ignores:
 * comments, spacing, the order of top-level definitions (operations first, then fragments, each by name)
 * and the `__typename` Apollo Client adds to every selection set below the operation's own.
 */
export function printedForm(document: DocumentNode): string {
  const withTypename = visit(document, {
    SelectionSet(node: SelectionSetNode, _key, parent) {
      if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
      const has = node.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'));
      return has ? undefined : { ...node, selections: [...node.selections, typename] };
    },
  });
  const nameOf = (definition: DefinitionNode) =>
    definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION ? (definition.name?.value ?? '') : '';
  const definitions = [...withTypename.definitions].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind > b.kind ? -1 : 1;
    const [x, y] = [nameOf(a), nameOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return print({ ...withTypename, definitions });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Reads the manifest. In `manifest` mode a missing or malformed file, or an id that is not the SHA-256 of
 * its body, is a configuration error (thrown); in `off` mode a missing file means no pre-registered ids.
 */
export function loadTrustedDocuments(file: string, mode: TrustedDocumentsMode): TrustedDocuments | undefined {
  if (!existsSync(file)) {
    if (mode === 'off') return undefined;
    throw new Error(`GATEWAY_TRUSTED_DOCUMENTS=manifest: ${file} does not exist (npm run compose writes it from operations/)`);
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; version?: unknown; operations?: unknown };
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${file}: not an Apollo persisted-query manifest (format "apollo-persisted-query-manifest", version 1)`);
  }
  const byId = new Map<string, string>();
  const forms = new Set<string>();
  let longest = 0;
  for (const operation of manifest.operations as ManifestOperation[]) {
    if (typeof operation?.id !== 'string' || typeof operation.body !== 'string')
      throw new Error(`${file}: an operation without id or body`);
    if (sha256(operation.body) !== operation.id) {
      throw new Error(`${file}: the id of ${operation.name} is not the SHA-256 of its body (the gateway looks documents up by that hash)`);
    }
    byId.set(operation.id, operation.body);
    forms.add(printedForm(parse(operation.body)));
    longest = Math.max(longest, operation.body.length);
  }
  return { mode, file, byId, forms, longest };
}

/** Whether `query` is one of the manifest's documents: its hash, or else its printed form. */
export function isTrusted(trusted: TrustedDocuments, query: string): boolean {
  if (trusted.byId.has(sha256(query))) return true;
  // Comments and spacing may make the saved operation as written longer than its body, but not by much.
  if (query.length > 4 * trusted.longest + 10_000) return false;
  try {
    return trusted.forms.has(printedForm(parse(query, { noLocation: true, maxTokens: 50_000 })));
  } catch {
    return false;
  }
}

/** What the client asked for, wherever it sent it (a JSON body by POST, the URL by GET). */
function requested(request: HTTPGraphQLRequest): { query?: unknown; hash?: unknown } | undefined {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    let extensions: unknown;
    try {
      extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
    } catch {
      return undefined; // Apollo Server refuses it
    }
    return {
      query: params.get('query') ?? undefined,
      hash: (extensions as { persistedQuery?: { sha256Hash?: unknown } })?.persistedQuery?.sha256Hash,
    };
  }
  const body = request.body as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } } | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return { query: body.query, hash: body.extensions?.persistedQuery?.sha256Hash };
}

/** The same request with the manifest's document for the id it named. */
function withQuery(request: HTTPGraphQLRequest, query: string): HTTPGraphQLRequest {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    params.set('query', query);
    return { ...request, search: `?${params.toString()}` };
  }
  return { ...request, body: { ...(request.body as object), query } };
}

function refusal(code: string, message: string): HTTPGraphQLResponse {
  return {
    status: 400,
    headers: new HeaderMap([
      ['content-type', 'application/json; charset=utf-8'],
      ['cache-control', 'no-store'],
    ]),
    body: { kind: 'complete', string: `${JSON.stringify({ errors: [{ message, extensions: { code } }] })}\n` },
  };
}

/**
 * Puts the trusted documents in front of Apollo Server (before its persisted-query lookup, parsing,
 * validation and planning): every GraphQL request over HTTP passes here first. A request with neither a
 * query nor a hash (the landing page, a malformed request) goes on to Apollo Server, which answers it.
 */
export function guardTrustedDocuments<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  trusted: TrustedDocuments,
  logger: Logger,
): void {
  const execute = apollo.executeHTTPGraphQLRequest.bind(apollo);
  apollo.executeHTTPGraphQLRequest = async (args) => {
    const asked = requested(args.httpGraphQLRequest);
    if (!asked) return execute(args);
    const { query, hash } = asked;
    // Apollo Server takes an empty or null query as none, and then looks the hash up.
    if ((query === undefined || query === null || query === '') && typeof hash === 'string') {
      const body = trusted.byId.get(hash);
      if (body !== undefined) return execute({ ...args, httpGraphQLRequest: withQuery(args.httpGraphQLRequest, body) });
      if (trusted.mode === 'manifest') {
        logger.info({ code: PERSISTED_QUERY_NOT_IN_LIST }, 'operation refused: its id is not in the trusted documents');
        return refusal(
          PERSISTED_QUERY_NOT_IN_LIST,
          'This gateway runs only the operations of its persisted-query manifest, and this id is not one of them.',
        );
      }
    } else if (typeof query === 'string' && trusted.mode === 'manifest' && !isTrusted(trusted, query)) {
      logger.info({ code: QUERY_NOT_IN_SAFELIST }, 'operation refused: not one of the trusted documents');
      return refusal(
        QUERY_NOT_IN_SAFELIST,
        'This gateway runs only the operations of its persisted-query manifest (the saved operations of operations/), and this document is not one of them.',
      );
    }
    return execute(args);
  };
}
