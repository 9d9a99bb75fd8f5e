/**
 * What `npm start` tells a person about the gateway's URL in a browser: it follows the gateway's own
 * `GATEWAY_EXPLORER` setting and its default (`sandbox`, `off` with NODE_ENV=production; see
 * gateway/src/env.ts and explorer.ts), so that the banner never offers what the gateway does not serve.
 */
export function explorerHint(gatewayUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const mode = env.GATEWAY_EXPLORER ?? (env.NODE_ENV === 'production' ? 'off' : 'sandbox');
  const offline = new URL('/explorer', gatewayUrl).toString();
  switch (mode) {
    case 'sandbox':
      return `Open it in a browser for Apollo Sandbox (needs the internet) or ${offline} for the offline explorer, or POST GraphQL to it.`;
    case 'graphiql':
      return 'Open it in a browser for the explorer (GraphiQL, served by the gateway), or POST GraphQL to it.';
    default:
      return 'POST GraphQL to it (no explorer in the browser: GATEWAY_EXPLORER=off).';
  }
}
