import type { HeaderMap } from '@apollo/server';
import type { Logger } from '@jobcenter-hub/service';

export interface GatewayContext {
  headers: HeaderMap;
  requestId: string;
  /** The gateway's logger with this request's id on every line. */
  logger: Logger;
}

export const createGatewayContextFactory =
  (logger: Logger) =>
  async ({ headers, requestId }: { headers: HeaderMap; requestId: string }): Promise<GatewayContext> => ({
    headers,
    requestId,
    logger: logger.child({ requestId }),
  });
