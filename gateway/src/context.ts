import type { HeaderMap } from '@apollo/server';
import type { Logger } from '@jobcenter-hub/service';

export interface GatewayContext {
  headers: HeaderMap;
  requestId: string;
  /** The gateway's logger with this request's id on every line. */
  logger: Logger;
}

/** The context of each request; its logger is made when first used (a failed subgraph call), not for every request. */
export const createGatewayContextFactory =
  (logger: Logger) =>
  async ({ headers, requestId }: { headers: HeaderMap; requestId: string }): Promise<GatewayContext> => {
    let child: Logger | undefined;
    return {
      headers,
      requestId,
      get logger() {
        return (child ??= logger.child({ requestId }));
      },
    };
  };
