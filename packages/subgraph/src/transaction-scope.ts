import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The EntityManager of the write transaction that runs in the current async context (`createRecord`,
 * `updateRecord`): lookups a write makes meanwhile through `ctx.references` (its own types, the grants
 * in organisations) use the transaction's connection instead of a second one from the pool, so that
 * concurrent writes never wait for connections they themselves hold.
 */
export const writeTransaction = new AsyncLocalStorage<EntityManager>();
