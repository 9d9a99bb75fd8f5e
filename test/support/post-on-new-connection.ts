import { type IncomingHttpHeaders, request } from 'node:http';

/**
 * POSTs `chunks` (one write each) to `url` on a new connection (no keep-alive, so consecutive requests
 * may reach different gateway workers); without `content-length` in `headers` the body goes chunked.
 * Resolves with the status, headers and body text.
 */
export function postOnNewConnection(
  url: string,
  chunks: string[],
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
