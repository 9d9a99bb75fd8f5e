import { GraphQLError } from 'graphql';
import { MAX_PAGE_SIZE } from '@jobcenter-hub/service';
import { paginateArray } from '../src/pagination';

const items = Array.from({ length: 23 }, (_, i) => ({ id: `id-${String(i).padStart(2, '0')}`, name: `Name ${i % 5}` }));
const key = (item: { id: string; name: string }) => [item.name, item.id];

describe('paginateArray', () => {
  it('walks all items in sort order, each once, with the total on every page', () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = paginateArray(items, { first: 7, after }, key);
      expect(page.totalCount).toBe(23);
      seen.push(...page.nodes.map((item) => item.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : undefined;
    } while (after);
    expect(seen).toEqual([...items].sort((a, b) => (key(a).join('|') < key(b).join('|') ? -1 : 1)).map((item) => item.id));
  });

  it('keeps its place when an item is inserted before the cursor', () => {
    const page1 = paginateArray(items, { first: 5 }, key);
    const grown = [...items, { id: 'id-00a', name: 'Name 0' }];
    const page2 = paginateArray(grown, { first: 5, after: page1.pageInfo.endCursor! }, key);
    expect(page2.nodes[0]!.id).not.toBe(page1.nodes[4]!.id);
    expect(page1.nodes.map((item) => item.id)).not.toContain(page2.nodes[0]!.id);
  });

  it.each([[0], [MAX_PAGE_SIZE + 1], [1.5]])('refuses first: %p with BAD_USER_INPUT', (first) => {
    expect(() => paginateArray(items, { first }, key)).toThrow(GraphQLError);
    try {
      paginateArray(items, { first }, key);
    } catch (error) {
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      expect((error as GraphQLError).extensions.argument).toBe('first');
    }
  });

  it('refuses a cursor that is not one of its own', () => {
    expect(() => paginateArray(items, { after: 'bm9wZQ' }, key)).toThrow(/after/);
    expect(() => paginateArray(items, { after: Buffer.from('[1,2,3]').toString('base64url') }, key)).toThrow(/after/);
  });
});
