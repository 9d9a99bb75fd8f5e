import { explorerHint } from '../src/lib/explorer-hint';

const URL = 'http://localhost:4000/graphql';

describe("npm start's line about the explorer", () => {
  it('offers Apollo Sandbox and the offline explorer by default', () => {
    const hint = explorerHint(URL, {});
    expect(hint).toContain('Apollo Sandbox (needs the internet)');
    expect(hint).toContain('http://localhost:4000/explorer for the offline explorer');
  });

  it('never mentions Sandbox in production, nor where the explorer is GraphiQL', () => {
    expect(explorerHint(URL, { NODE_ENV: 'production' })).not.toMatch(/sandbox|explorer for/i);
    expect(explorerHint(URL, { NODE_ENV: 'production', GATEWAY_EXPLORER: 'graphiql' })).toContain('GraphiQL');
    expect(explorerHint(URL, { GATEWAY_EXPLORER: 'graphiql' })).not.toMatch(/sandbox/i);
    expect(explorerHint(URL, { GATEWAY_EXPLORER: 'off' })).toBe('POST GraphQL to it (no explorer in the browser: GATEWAY_EXPLORER=off).');
  });
});
