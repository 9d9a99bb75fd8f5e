/**
 * Serves the built dashboard (dashboard/dist, made by `vite build`) and passes its GraphQL requests on to
 * the gateway, so that the page and /graphql share one origin (no CORS, and a Content-Security-Policy
 * that allows only this origin: the dashboard requests nothing from outside). Every path that is not a
 * file is answered with index.html, so that the dashboard's URLs (/district/muenster-nord) can be
 * bookmarked. `npm start` runs it beside the gateway; the dashboard's browser test runs it the same way.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Request headers passed on to the gateway; everything else (cookies among them) stays here. */
const FORWARDED = ['content-type', 'accept', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'];
const MAX_BODY_BYTES = 1_000_000;

export interface DashboardServer {
  /** The dashboard's address, e.g. http://127.0.0.1:4080/ */
  url: string;
  server: Server;
  close: () => Promise<void>;
}

export interface DashboardServerOptions {
  /** The built dashboard (dashboard/dist). */
  dir: string;
  /** The gateway's GraphQL URL, e.g. http://127.0.0.1:4000/graphql */
  gatewayUrl: string;
  port: number;
  host?: string;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function passToGateway(req: IncomingMessage, res: ServerResponse, gatewayUrl: string): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const method = req.method ?? 'GET';
  const body = method === 'POST' ? await readBody(req) : undefined;
  if (method === 'POST' && !body) {
    res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
    res.end(
      JSON.stringify({
        errors: [{ message: `request body larger than ${MAX_BODY_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      }),
    );
    return;
  }
  const target = new URL(gatewayUrl);
  target.search = new URL(req.url ?? '/', 'http://localhost').search;
  let answer: Response;
  try {
    answer = await fetch(target, { method, headers, body: body && body.length > 0 ? new Uint8Array(body) : undefined });
  } catch {
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ errors: [{ message: 'the gateway cannot be reached', extensions: { code: 'GATEWAY_UNREACHABLE' } }] }));
    return;
  }
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'cache-control', 'retry-after', 'x-request-id']) {
    const value = answer.headers.get(name);
    if (value) out[name] = value;
  }
  res.writeHead(answer.status, out);
  if (answer.body) Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream).pipe(res);
  else res.end();
}

function serveFile(res: ServerResponse, file: string, immutable: boolean): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}

export function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const root = resolve(options.dir);
  const index = join(root, 'index.html');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/graphql') {
      passToGateway(req, res, options.gatewayUrl).catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The dashboard is not built: run `npm run build`.\n');
      return;
    }
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(url.pathname)));
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    if (path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile()) {
      serveFile(res, path, path.startsWith(join(root, 'assets') + sep));
      return;
    }
    // A file that is not there (an old asset) is a 404; any other path is one of the dashboard's pages.
    if (extname(url.pathname)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    serveFile(res, index, false);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolvePromise({
        url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The dashboard's port for `npm start`: DASHBOARD_PORT, else 4080; any free one with PORTS=free. */
export function dashboardPort(env: NodeJS.ProcessEnv = process.env): number {
  if (env.DASHBOARD_PORT !== undefined && env.DASHBOARD_PORT !== '') {
    const port = Number(env.DASHBOARD_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new Error(`DASHBOARD_PORT must be a port number (0–65535), not ${env.DASHBOARD_PORT}`);
    return port;
  }
  return env.PORTS === 'free' ? 0 : 4080;
}
