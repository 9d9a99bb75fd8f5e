import type { HeaderMap } from '@apollo/server';
import type { Logger } from '@jobcenter-hub/service';

export interface GatewayContext {
  headers: HeaderMap;
  requestId: string;
  /** The gateway's logger with this request's id on every line. */
  logger: Logger;
}

/**
 * A request's context. Its logger is made when first used (a failed subgraph call logs with it), not for
 * every request: pino serialises a child's bindings when it is made. The getter lives on the prototype,
 * because Apollo Server copies the context's own properties into a new object for each operation
 * (`Object.assign`, which would call an own getter).
 */
class RequestContext implements GatewayContext {
  private child: Logger | undefined = undefined;

  constructor(
    readonly headers: HeaderMap,
    readonly requestId: string,
    private readonly base: Logger,
  ) {}

  get logger(): Logger {
    return (this.child ??= this.base.child({ requestId: this.requestId }));
  }
}

export const createGatewayContextFactory =
  (logger: Logger) =>
  async ({ headers, requestId }: { headers: HeaderMap; requestId: string }): Promise<GatewayContext> =>
    new RequestContext(headers, requestId, logger);
