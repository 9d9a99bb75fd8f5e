import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultMode = { kind: 'pass' } | { kind: 'delay'; ms: number };

/**
 * An HTTP proxy on loopback between the gateway and one subgraph, for fault tests: it forwards to
 * `target` (changeable, e.g. after the subgraph restarts on another port), optionally late. When the
 * target does not answer, the client's connection is cut, as a crashed subgraph would cut it.
 */
export async function startFaultProxy(initialTarget: string) {
  let target = new URL(initialTarget);
  let mode: FaultMode = { kind: 'pass' };
  let received = 0;
  const server = createServer((incoming, outgoing) => {
    received += 1;
    const forward = () => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: target.host },
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.destroy());
      incoming.pipe(upstream);
    };
    if (mode.kind === 'delay') setTimeout(forward, mode.ms).unref();
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    setTarget: (url: string) => (target = new URL(url)),
    setMode: (next: FaultMode) => (mode = next),
    /** Requests received so far. */
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
