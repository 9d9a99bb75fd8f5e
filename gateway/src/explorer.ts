/**
 * The explorers a browser gets from the gateway (`GATEWAY_EXPLORER`):
 *
 * * `sandbox`: Apollo Sandbox on the GraphQL URL. It loads its code, fonts and icons from Apollo's CDNs,
 *   so it needs the internet; where it cannot load, its page links to the offline explorer.
 * * `graphiql`: the offline explorer on the GraphQL URL too.
 * * `off`: neither (the default in production).
 *
 * Unless `off`, the offline explorer is served at `/explorer`: GraphiQL with React, from the gateway's
 * own dependencies, as static files (nothing is fetched from outside the gateway). It shows the schema
 * (the documentation explorer, from introspection) and offers every saved operation of `operations/` as
 * a tab, with example values for its variables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { GRAPHQL_PATH } from '@jobcenter-hub/service';
import { Kind, parse, type TypeNode } from 'graphql';
import { EXPLORER_SCRIPT } from './explorer-script';

export const EXPLORER_MODES = ['sandbox', 'graphiql', 'off'] as const;
export type ExplorerMode = (typeof EXPLORER_MODES)[number];

/** Where the offline explorer is served. */
export const EXPLORER_PATH = '/explorer';

/** A saved operation as the explorer offers it: one tab. */
export interface ExplorerExample {
  /** The file's name without `.graphql`. */
  name: string;
  query: string;
  /** Values for the variables the operation requires (those without a default), as JSON text. */
  variables: string;
}

/**
 * Example values by variable name, from the demo data (docs/usage.md), so that a saved operation runs as
 * soon as its tab is opened. Only the variables an operation requires (non-null, no default) get one; a
 * variable not named here gets an empty value of its type to fill in.
 */
const EXAMPLE_VALUES: Record<string, unknown> = {
  organisationId: 'jobcenter-muenster',
  districtId: 'muenster-nord',
  programmeId: 'jcre-programm-jobakademie',
  postcode: '48159',
  municipalityKey: '05515000',
  latitude: 51.9607,
  longitude: 7.6261,
  at: '2026-11-26T09:00:00Z',
  year: 2021,
  category: 'KITA',
  signedIn: false,
  // DashboardResponsible: the map's sites; true (with a postcode) asks which site is responsible.
  ask: false,
};

function emptyValue(type: TypeNode): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return emptyValue(type.type);
  if (type.kind === Kind.LIST_TYPE) return [];
  switch (type.name.value) {
    case 'Int':
    case 'Float':
      return 0;
    case 'Boolean':
      return false;
    default:
      return '';
  }
}

/** The saved operations of `dir` (`*.graphql`), each with values for the variables it requires; none when `dir` does not exist. */
export function readExplorerExamples(dir: string): ExplorerExample[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.graphql'));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const query = readFileSync(join(dir, file), 'utf8');
    const variables: Record<string, unknown> = {};
    try {
      for (const definition of parse(query).definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const variable of definition.variableDefinitions ?? []) {
          const name = variable.variable.name.value;
          if (variable.defaultValue || variable.type.kind !== Kind.NON_NULL_TYPE) continue;
          variables[name] = name in EXAMPLE_VALUES ? EXAMPLE_VALUES[name] : emptyValue(variable.type);
        }
      }
    } catch {
      // Not valid GraphQL: offered as it is (the explorer shows what is wrong).
    }
    return { name: file.replace(/\.graphql$/, ''), query, variables: JSON.stringify(variables, null, 2) };
  });
}

/** The browser files of the offline explorer, by name under `/explorer/`: from the gateway's dependencies. */
function assetFiles(): Record<string, { file: string; type: string }> {
  const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
  const js = 'text/javascript; charset=utf-8';
  return {
    'react.production.min.js': { file: join(packageDir('react'), 'umd', 'react.production.min.js'), type: js },
    'react-dom.production.min.js': { file: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), type: js },
    'graphiql.min.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: js },
    'graphiql.min.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css; charset=utf-8' },
  };
}

/** Scripts only from the gateway, requests only to it; GraphiQL sets inline styles and embeds its fonts. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** JSON that is safe inside a `<script>` element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

/** The offline explorer's page; its files and the GraphQL endpoint are absolute paths, so it works at any URL of the gateway. */
export function explorerHtml(examples: ExplorerExample[]): string {
  const config = { endpoint: GRAPHQL_PATH, examples };
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>jobcenter-hub explorer</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${EXPLORER_PATH}/graphiql.min.css" />
  </head>
  <body style="margin: 0; height: 100vh; overflow: hidden">
    <div id="explorer" style="height: 100vh">Loading the explorer …</div>
    <script id="explorer-config" type="application/json">${scriptJson(config)}</script>
    <script src="${EXPLORER_PATH}/react.production.min.js"></script>
    <script src="${EXPLORER_PATH}/react-dom.production.min.js"></script>
    <script src="${EXPLORER_PATH}/graphiql.min.js"></script>
    <script src="${EXPLORER_PATH}/explorer.js"></script>
  </body>
</html>
`;
}

/** Sandbox's own page, with a link to the offline explorer in what it shows when it cannot load. */
function sandboxLandingPage(): ApolloServerPlugin<BaseContext> {
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ embed: true });
  const offline = 'it appears that you might be offline.';
  const SANDBOX_STYLE = '#embeddableSandbox {';
  const link = `${offline} Apollo Sandbox loads from Apollo's CDNs; the <a href="${EXPLORER_PATH}">offline explorer</a> is served by the gateway itself.`;
  return {
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart!(service);
      return {
        async renderLandingPage() {
          const page = await listener!.renderLandingPage!();
          return {
            html: async () => {
              const html = typeof page.html === 'string' ? page.html : await page.html();
              // Sandbox fills #embeddableSandbox, which covers the page; left empty, it must not cover the link.
              if (html.includes(offline) && html.includes(SANDBOX_STYLE))
                return html
                  .replace(offline, link)
                  .replace(SANDBOX_STYLE, `#embeddableSandbox:empty { display: none; }\n  ${SANDBOX_STYLE}`);
              // Apollo changed its page: the link goes at the end instead.
              return html.replace('</body>', `<p><a href="${EXPLORER_PATH}">Offline explorer</a></p></body>`);
            },
          };
        },
      };
    },
  };
}

export interface Explorer {
  mode: ExplorerMode;
  /** The landing page of the GraphQL URL (an Apollo Server plugin). */
  landingPage: ApolloServerPlugin<BaseContext>;
  /** Answers `/explorer` and its files; returns whether the request was one of them. */
  serve: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
}

/**
 * The explorer of `mode`, offering the saved operations of `operationsDir` (read once, at start).
 * The browser files are read when first asked for and then kept in memory.
 */
export function createExplorer(options: { mode: ExplorerMode; operationsDir: string }): Explorer {
  const { mode } = options;
  if (mode === 'off') return { mode, landingPage: ApolloServerPluginLandingPageDisabled(), serve: () => false };
  const html = explorerHtml(readExplorerExamples(options.operationsDir));
  const files = assetFiles();
  const loaded = new Map<string, Buffer>();
  const send = (res: ServerResponse, type: string, body: string | Buffer, cache: string) => {
    res.writeHead(200, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      'cache-control': cache,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };
  const serve = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname !== EXPLORER_PATH && !url.pathname.startsWith(`${EXPLORER_PATH}/`)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const name = url.pathname.slice(EXPLORER_PATH.length + 1);
    if (name === '' || name === 'index.html') {
      send(res, 'text/html; charset=utf-8', html, 'no-cache');
      return true;
    }
    if (name === 'explorer.js') {
      send(res, 'text/javascript; charset=utf-8', EXPLORER_SCRIPT, 'no-cache');
      return true;
    }
    const asset = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!asset) return false;
    let body = loaded.get(name);
    if (!body) {
      body = readFileSync(asset.file);
      loaded.set(name, body);
    }
    // The files change only with the packages, which a new gateway start brings.
    send(res, asset.type, body, 'public, max-age=3600');
    return true;
  };
  const landingPage: ApolloServerPlugin<BaseContext> =
    mode === 'sandbox' ? sandboxLandingPage() : { serverWillStart: async () => ({ renderLandingPage: async () => ({ html }) }) };
  return { mode, landingPage, serve };
}
