import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext } from './context';

/** Headers a subgraph needs from the client's request: who is calling, and which request this is. */
const FORWARDED = ['authorization'] as const;

/** Calls one subgraph over HTTP, forwarding the caller's credentials and the request id. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (!context?.headers) return;
    for (const name of FORWARDED) {
      const value = context.headers.get(name);
      if (value) request.http?.headers.set(name, value);
    }
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}
