import type { HeaderMap } from '@apollo/server';

export interface GatewayContext {
  headers: HeaderMap;
  requestId: string;
}

export const createGatewayContext = async ({ headers, requestId }: { headers: HeaderMap; requestId: string }): Promise<GatewayContext> => ({
  headers,
  requestId,
});
