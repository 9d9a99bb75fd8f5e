import { HeaderMap } from '@apollo/server';
import { createLogger } from '@jobcenter-hub/service';
import { createGatewayContextFactory } from '../src/context';

describe("a request's context", () => {
  it('makes its child logger only when it is used, also on the copy Apollo Server makes for each operation', async () => {
    const base = createLogger('gateway-test', 'silent');
    const child = jest.spyOn(base, 'child');
    const context = await createGatewayContextFactory(base)({
      headers: new HeaderMap([['authorization', 'Bearer t']]),
      requestId: 'req-7',
    });
    // What Apollo Server 5 does with the context of every operation (ApolloServer.ts cloneObject).
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context) as object) as object, context) as typeof context;
    expect(child).not.toHaveBeenCalled();
    expect(copy.requestId).toBe('req-7');
    expect(copy.headers.get('authorization')).toBe('Bearer t');
    expect(copy.logger.bindings()).toMatchObject({ requestId: 'req-7' });
    expect(copy.logger).toBe(copy.logger);
    expect(child).toHaveBeenCalledTimes(1);
  });
});
