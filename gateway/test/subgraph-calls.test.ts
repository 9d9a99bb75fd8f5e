import { createSharedFetch } from '../src/subgraph-calls';

/** A subgraph stand-in: counts the calls it gets and answers each after a short while. */
function createSubgraph() {
  const calls: { authorization: string | null; body: string }[] = [];
  const fetchOnce = async (_input: string, init: RequestInit) => {
    calls.push({ authorization: new Headers(init.headers).get('authorization'), body: String(init.body) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    if (String(init.body).includes('broken')) throw new TypeError('fetch failed');
    return new Response(JSON.stringify({ data: { call: calls.length } }), {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'max-age=300, private' },
    });
  };
  return { calls, fetch: createSharedFetch(fetchOnce) };
}

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const init = (payload: string, authorization?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  body: payload,
});
const read = async (response: Response) => ({
  body: await response.text(),
  cacheControl: response.headers.get('cache-control'),
  status: response.status,
});

describe('identical subgraph calls in flight at the same time', () => {
  const URL = 'http://subgraph.test/graphql';

  it('are sent once for the same caller, query and variables; each caller gets its own full copy', async () => {
    const subgraph = createSubgraph();
    const payload = body('query Q { partners { id } }', { first: 3 });
    const answers = await Promise.all([1, 2, 3].map(() => subgraph.fetch(URL, init(payload, 'Bearer a')).then(read)));
    expect(subgraph.calls).toHaveLength(1);
    expect(answers).toEqual(Array(3).fill({ body: '{"data":{"call":1}}', cacheControl: 'max-age=300, private', status: 200 }));
    // Once answered, nothing is kept: the next identical call goes to the subgraph.
    await subgraph.fetch(URL, init(payload, 'Bearer a')).then(read);
    expect(subgraph.calls).toHaveLength(2);
  });

  it('are not shared across callers, variables or mutations', async () => {
    const subgraph = createSubgraph();
    const query = body('query Q { partners { id } }', { first: 3 });
    const mutation = body('mutation M { touch }');
    await Promise.all([
      subgraph.fetch(URL, init(query, 'Bearer a')),
      subgraph.fetch(URL, init(query, 'Bearer b')),
      subgraph.fetch(URL, init(query)),
      subgraph.fetch(URL, init(body('query Q { partners { id } }', { first: 4 }), 'Bearer a')),
      subgraph.fetch(URL, init(mutation, 'Bearer a')),
      subgraph.fetch(URL, init(mutation, 'Bearer a')),
    ]);
    expect(subgraph.calls.map((call) => call.authorization)).toEqual(['Bearer a', 'Bearer b', null, 'Bearer a', 'Bearer a', 'Bearer a']);
  });

  it('fail together when the shared call fails, and the failure is not kept', async () => {
    const subgraph = createSubgraph();
    const payload = body('query Broken { broken }');
    const outcomes = await Promise.allSettled([subgraph.fetch(URL, init(payload)), subgraph.fetch(URL, init(payload))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(subgraph.calls).toHaveLength(1);
    await expect(subgraph.fetch(URL, init(payload))).rejects.toThrow('fetch failed');
    expect(subgraph.calls).toHaveLength(2);
  });
});
