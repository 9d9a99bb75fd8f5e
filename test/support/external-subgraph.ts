import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';

/**
 * What a department publishes for a subgraph that lives outside this repository: its SDL, with the
 * Federation 2 `@link` and a `@key` on the entity it extends. This one adds notices to `Organisation`.
 */
export const NOTICES_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Organisation @key(fields: "id") {
  id: ID!
  """Notices the city publishes about the organisation, newest first."""
  notices: [String!]
}
`;

// The schema the service executes: its own types plus the two fields the gateway calls.
const executable = buildSchema(`
  scalar _Any
  type _Service { sdl: String! }
  union _Entity = Organisation
  type Organisation { id: ID! notices: [String!] }
  type Query { _service: _Service! _entities(representations: [_Any!]!): [_Entity]! }
`);

export interface ExternalSubgraph {
  url: string;
  /** The headers of every request it received, oldest first. */
  requests: IncomingHttpHeaders[];
  /** The headers of the gateway's checks of its SDL (`/graphql?hub-probe=sdl`), oldest first; not in `requests`. */
  probes: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

/**
 * A subgraph written without any Apollo library — as a department might in another language — that
 * keeps the contract of docs/subgraph-contract.md: POST /graphql with JSON, `_service { sdl }`,
 * `_entities` (one answer per representation, in order, `null` for unknown ids), GET /health.
 * It checks no credential; `requests` shows what the gateway sent.
 */
export async function startExternalSubgraph(options: { sdl?: string } = {}): Promise<ExternalSubgraph> {
  const requests: IncomingHttpHeaders[] = [];
  const probes: IncomingHttpHeaders[] = [];
  const rootValue = {
    // `sdl` other than NOTICES_SDL: a service that no longer serves what it registered (SDL drift).
    _service: () => ({ sdl: options.sdl ?? NOTICES_SDL }),
    _entities: ({ representations }: { representations: { __typename: string; id: string }[] }) =>
      representations.map((representation) =>
        representation.__typename === 'Organisation'
          ? {
              __typename: 'Organisation',
              id: representation.id,
              notices: [`Notice for ${representation.id}: opening hours change on 1 December.`],
            }
          : null,
      ),
  };
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    (req.url?.includes('hub-probe') ? probes : requests).push(req.headers);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const { query, variables, operationName } = JSON.parse(body) as {
        query: string;
        variables?: Record<string, unknown>;
        operationName?: string;
      };
      void graphql({ schema: executable, source: query, variableValues: variables, operationName, rootValue }).then((result) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    probes,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The gateway keeps connections alive; they would hold `close` open.
        server.closeAllConnections();
      }),
  };
}
